//! Replays the committed fuzz corpus (corpus/<target>/*) through the harnesses on stable,
//! without libFuzzer: `cargo test --manifest-path native-rust/fuzz/Cargo.toml --no-default-features`.
use std::fs;
use std::path::Path;

fn replay(target: &str, f: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target);
    let mut files: Vec<_> = fs::read_dir(&dir).map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    for p in &files {
        f(&fs::read(p).unwrap());
    }
    // Also a few fixed inputs, so the test means something without a corpus.
    for seed in 0u32..256 {
        let v: Vec<u8> = (0..512u32).map(|i| (i.wrapping_mul(2654435761).wrapping_add(seed.wrapping_mul(40503)) >> 13) as u8).collect();
        f(&v);
    }
    println!("{target}: {} corpus inputs + 256 fixed inputs ran clean", files.len());
}

#[test]
fn decimal() {
    replay("decimal", hean_core_fuzz::decimal);
}
#[test]
fn snapshot() {
    replay("snapshot", hean_core_fuzz::snapshot);
}
#[test]
fn book() {
    replay("book", hean_core_fuzz::book);
}
#[test]
fn risk() {
    replay("risk", hean_core_fuzz::risk);
}
#[test]
fn router() {
    replay("router", hean_core_fuzz::router);
}
