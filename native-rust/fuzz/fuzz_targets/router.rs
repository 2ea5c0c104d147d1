#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| hean_core_fuzz::router(data));
