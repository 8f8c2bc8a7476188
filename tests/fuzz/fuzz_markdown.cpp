// libFuzzer target: a Markdown release file (front matter, title, 본문), through read_stream
// as a file of that format is read (size, NUL and UTF-8 checks first).
#include <memory>

#include "fuzz_support.h"
#include "readers/input_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bodo::ReadHandlers handlers = bodo::fuzz::checking_handlers();
    bodo::readers::read_stream(bodo::readers::InputFormat::markdown,
                               std::make_unique<bodo::fuzz::MemorySource>(data, size), "fuzz.md", "fuzz.md", handlers, 0);
    return 0;
}
