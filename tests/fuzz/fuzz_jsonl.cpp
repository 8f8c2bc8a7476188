// libFuzzer target: JSON Lines records (readers::read_jsonl on a stream).
#include "fuzz_support.h"
#include "readers/jsonl_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bodo::ReadHandlers handlers = bodo::fuzz::checking_handlers();
    bodo::fuzz::MemorySource source(data, size);
    bodo::readers::read_jsonl(source, "fuzz.jsonl", handlers);
    return 0;
}
