// libFuzzer target: archive bytes (tar, possibly compressed, members of every format), read in
// place by libarchive as an archive input is.
#include <memory>

#include "fuzz_support.h"
#include "readers/input_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bodo::ReadHandlers handlers = bodo::fuzz::checking_handlers();
    bodo::readers::read_stream(bodo::readers::InputFormat::archive,
                               std::make_unique<bodo::fuzz::MemorySource>(data, size), "fuzz.tar", "fuzz.tar", handlers, 0);
    return 0;
}
