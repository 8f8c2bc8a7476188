// Runtime options of the sanitizer builds (BODO_SANITIZE, top-level CMakeLists.txt), compiled
// into each program and into bodo_tests so that every run of them has them, under ctest or by
// hand (the environment variables ASAN_OPTIONS, UBSAN_OPTIONS and TSAN_OPTIONS still override
// them). The first finding ends the process with status 66, which no bodo program uses: a test
// that runs a program sees it fail. (Not by abort(): Catch2's SIGABRT handler, allocating inside
// TSan's report, deadlocked.) Unused by a sanitizer that is not built in.

extern "C" {

// AddressSanitizer (and LeakSanitizer with it): leaks are checked at exit. In bodo_tests only,
// no check of sized deletes: Xapian::Database::check (libxapian 1.4.22, called by the safety
// tests) deletes one of its own objects, 440 bytes, as a 432-byte type, inside the library.
// bodo's own classes are kept from that by -Wnon-virtual-dtor and -Wdelete-non-virtual-dtor.
const char* __asan_default_options() {
#ifdef BODO_SANITIZER_OPTIONS_FOR_TESTS
    return "exitcode=66:detect_leaks=1:new_delete_type_mismatch=0";
#else
    return "exitcode=66:detect_leaks=1";
#endif
}

// UndefinedBehaviorSanitizer: built with -fno-sanitize-recover=undefined, so the first
// finding stops the program; with a stack trace.
const char* __ubsan_default_options() { return "exitcode=66:print_stacktrace=1"; }

// ThreadSanitizer: the first report stops the program. The suppressions file lists what
// uninstrumented libraries make it report, each with the reason.
const char* __tsan_default_options() {
    return "exitcode=66:halt_on_error=1:second_deadlock_stack=1:suppressions=" BODO_TSAN_SUPPRESSIONS;
}

}
