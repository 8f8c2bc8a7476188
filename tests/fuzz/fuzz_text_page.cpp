// libFuzzer target: a plain-text page dump, through read_stream as a .txt file is read.
#include <memory>

#include "fuzz_support.h"
#include "readers/input_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bodo::ReadHandlers handlers = bodo::fuzz::checking_handlers();
    bodo::readers::read_stream(bodo::readers::InputFormat::text_page,
                               std::make_unique<bodo::fuzz::MemorySource>(data, size), "fuzz-page.txt", "fuzz-page.txt",
                               handlers, 0);
    return 0;
}
