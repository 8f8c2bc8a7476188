# The folders of common/, one library each, bottom first: each names the folders its code may
# include (#include "folder/…") and link. Nothing may include a folder above it, so there is
# no cycle; cmake/check_layers.cmake enforces the table at configure and build time, and the
# link order of the static libraries makes a call against the direction fail to link.
set(BODO_LAYERS text analysis release metadata readers schema index query snippet search output serve)

set(BODO_LAYER_DEPS_text     "")                                   # UTF-8, case, white space, Hangul, dates
set(BODO_LAYER_DEPS_analysis "text")                               # tokenizer and token filters: the Analyzer
set(BODO_LAYER_DEPS_release  "")                                   # the Release record
set(BODO_LAYER_DEPS_metadata "text;analysis;release")              # ministries, departments, abbreviations, dates in prose
set(BODO_LAYER_DEPS_readers  "text;release;metadata")              # file formats and archives
set(BODO_LAYER_DEPS_schema   "text;analysis;release")              # fields, stored releases, lexicon, stub files, ranking constants
set(BODO_LAYER_DEPS_index    "text;analysis;release;metadata;readers;schema")  # writing an index
set(BODO_LAYER_DEPS_query    "text;analysis;metadata;schema")      # query syntax and the query model
set(BODO_LAYER_DEPS_snippet  "text;analysis;schema;query")         # highlighted passages
set(BODO_LAYER_DEPS_search   "text;metadata;schema;query;snippet") # running a search over one or more databases
set(BODO_LAYER_DEPS_output   "text;search")                        # text, JSON and TREC writers
set(BODO_LAYER_DEPS_serve    "text;release;readers;schema;index;query;search;output")  # bodo-serve's pages and API
