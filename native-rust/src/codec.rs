//! The snapshot container: `magic(8) | version u16 | kind u16 | payload length u64 |
//! payload | CRC-32 of everything before it`, little-endian. Readers check every length,
//! so a truncated or corrupt snapshot is an error, never a panic.

use std::fmt;

/// Format version this build writes and reads.
pub const SNAPSHOT_VERSION: u16 = 2;
const MAGIC: &[u8; 8] = b"HEANSNAP";
const HEADER: usize = 8 + 2 + 2 + 8;

/// What a snapshot holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SnapshotKind {
    RiskEngine = 1,
    OrderBook = 2,
}

/// Why a snapshot could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotError {
    /// Shorter than its header or than the length it declares.
    Truncated { needed: usize, got: usize },
    /// Not a hean snapshot.
    BadMagic,
    /// Written by another format version.
    Version { found: u16, expected: u16 },
    /// A snapshot of something else (a book given to the engine, …).
    Kind { found: u16, expected: u16 },
    /// The checksum does not match: the bytes were changed.
    Checksum { stored: u32, computed: u32 },
    /// The payload is inconsistent (the message says where).
    Corrupt(String),
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SnapshotError::Truncated { needed, got } => write!(f, "snapshot is truncated: needs {needed} bytes, got {got}"),
            SnapshotError::BadMagic => write!(f, "not a hean snapshot (bad magic bytes)"),
            SnapshotError::Version { found, expected } => {
                write!(f, "snapshot format version {found} is not supported (this build reads version {expected})")
            }
            SnapshotError::Kind { found, expected } => write!(f, "snapshot holds kind {found}, expected kind {expected}"),
            SnapshotError::Checksum { stored, computed } => {
                write!(f, "snapshot is corrupt: checksum {stored:08x} does not match contents ({computed:08x})")
            }
            SnapshotError::Corrupt(m) => write!(f, "snapshot is corrupt: {m}"),
        }
    }
}

impl std::error::Error for SnapshotError {}

const fn crc_table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}
static CRC_TABLE: [u32; 256] = crc_table();

/// CRC-32 (IEEE 802.3, reflected).
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c = CRC_TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

/// Little-endian payload writer.
#[derive(Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub fn bool(&mut self, v: bool) {
        self.buf.push(v as u8);
    }
    pub fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn i64(&mut self, v: i64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn i128(&mut self, v: i128) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f64(&mut self, v: f64) {
        self.buf.extend_from_slice(&v.to_bits().to_le_bytes());
    }
    pub fn len(&mut self, n: usize) {
        self.u64(n as u64);
    }
    pub fn str(&mut self, s: &str) {
        self.len(s.len());
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// Wraps the payload in the container.
    pub fn finish(self, kind: SnapshotKind) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + self.buf.len() + 4);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&SNAPSHOT_VERSION.to_le_bytes());
        out.extend_from_slice(&(kind as u16).to_le_bytes());
        out.extend_from_slice(&(self.buf.len() as u64).to_le_bytes());
        out.extend_from_slice(&self.buf);
        let c = crc32(&out);
        out.extend_from_slice(&c.to_le_bytes());
        out
    }
}

/// Checks the container and returns a reader over the payload.
pub fn open(data: &[u8], kind: SnapshotKind) -> Result<Reader<'_>, SnapshotError> {
    if data.len() < 8 || &data[..8] != MAGIC {
        if data.len() < 8 && MAGIC.starts_with(data) {
            return Err(SnapshotError::Truncated { needed: HEADER + 4, got: data.len() });
        }
        return Err(SnapshotError::BadMagic);
    }
    if data.len() < HEADER + 4 {
        return Err(SnapshotError::Truncated { needed: HEADER + 4, got: data.len() });
    }
    let version = u16::from_le_bytes([data[8], data[9]]);
    let k = u16::from_le_bytes([data[10], data[11]]);
    let mut lb = [0u8; 8];
    lb.copy_from_slice(&data[12..20]);
    let len = u64::from_le_bytes(lb);
    let total = (HEADER as u64).saturating_add(len).saturating_add(4);
    if (data.len() as u64) < total {
        return Err(SnapshotError::Truncated { needed: total.min(usize::MAX as u64) as usize, got: data.len() });
    }
    if (data.len() as u64) > total {
        return Err(SnapshotError::Corrupt(format!("{} trailing bytes after the checksum", data.len() as u64 - total)));
    }
    let body = &data[..data.len() - 4];
    let mut cb = [0u8; 4];
    cb.copy_from_slice(&data[data.len() - 4..]);
    let stored = u32::from_le_bytes(cb);
    let computed = crc32(body);
    if stored != computed {
        return Err(SnapshotError::Checksum { stored, computed });
    }
    if version != SNAPSHOT_VERSION {
        return Err(SnapshotError::Version { found: version, expected: SNAPSHOT_VERSION });
    }
    if k != kind as u16 {
        return Err(SnapshotError::Kind { found: k, expected: kind as u16 });
    }
    Ok(Reader { buf: &body[HEADER..], pos: 0 })
}

/// Bounds-checked little-endian payload reader.
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], SnapshotError> {
        if self.buf.len() - self.pos < n {
            return Err(SnapshotError::Corrupt(format!("payload ends early at byte {}", self.pos)));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn arr<const N: usize>(&mut self) -> Result<[u8; N], SnapshotError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    pub fn u8(&mut self) -> Result<u8, SnapshotError> {
        Ok(self.take(1)?[0])
    }
    pub fn bool(&mut self) -> Result<bool, SnapshotError> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            v => Err(SnapshotError::Corrupt(format!("bad boolean {v}"))),
        }
    }
    pub fn u16(&mut self) -> Result<u16, SnapshotError> {
        Ok(u16::from_le_bytes(self.arr()?))
    }
    pub fn u32(&mut self) -> Result<u32, SnapshotError> {
        Ok(u32::from_le_bytes(self.arr()?))
    }
    pub fn u64(&mut self) -> Result<u64, SnapshotError> {
        Ok(u64::from_le_bytes(self.arr()?))
    }
    pub fn i64(&mut self) -> Result<i64, SnapshotError> {
        Ok(i64::from_le_bytes(self.arr()?))
    }
    pub fn i128(&mut self) -> Result<i128, SnapshotError> {
        Ok(i128::from_le_bytes(self.arr()?))
    }
    pub fn f64(&mut self) -> Result<f64, SnapshotError> {
        Ok(f64::from_bits(self.u64()?))
    }
    /// A count of items each at least `min_item` bytes long (checked against what is left).
    pub fn len(&mut self, min_item: usize) -> Result<usize, SnapshotError> {
        let n = self.u64()?;
        let left = (self.buf.len() - self.pos) as u64;
        if n.saturating_mul(min_item.max(1) as u64) > left {
            return Err(SnapshotError::Corrupt(format!("count {n} exceeds the remaining {left} bytes")));
        }
        Ok(n as usize)
    }
    pub fn str(&mut self) -> Result<String, SnapshotError> {
        let n = self.len(1)?;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| SnapshotError::Corrupt("invalid UTF-8 in a string".into()))
    }
    /// Errors unless every payload byte was read.
    pub fn end(&self) -> Result<(), SnapshotError> {
        if self.pos != self.buf.len() {
            return Err(SnapshotError::Corrupt(format!("{} unread payload bytes", self.buf.len() - self.pos)));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_known_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn container_round_trip_and_errors() {
        let mut w = Writer::default();
        w.u32(7);
        w.str("abc");
        w.f64(1.5);
        let bytes = w.finish(SnapshotKind::OrderBook);
        let mut r = open(&bytes, SnapshotKind::OrderBook).unwrap();
        assert_eq!(r.u32().unwrap(), 7);
        assert_eq!(r.str().unwrap(), "abc");
        assert_eq!(r.f64().unwrap(), 1.5);
        r.end().unwrap();
        assert!(matches!(open(&bytes, SnapshotKind::RiskEngine), Err(SnapshotError::Kind { .. })));
        for cut in 0..bytes.len() {
            assert!(open(&bytes[..cut], SnapshotKind::OrderBook).is_err());
        }
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x10;
            assert!(open(&b, SnapshotKind::OrderBook).is_err(), "flip at {i}");
        }
        let mut v = bytes.clone();
        v[8] = 9;
        let n = v.len();
        let c = crc32(&v[..n - 4]);
        v[n - 4..].copy_from_slice(&c.to_le_bytes());
        assert!(matches!(open(&v, SnapshotKind::OrderBook), Err(SnapshotError::Version { found: 9, .. })));
    }
}
