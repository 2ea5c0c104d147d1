//! Exact fixed-point decimals: parsing exchange strings ("0.10", "1e-3", "25") and JS
//! numbers into a whole number of steps (ticks for prices, lots for quantities).
//!
//! Nothing here compares floats for equality in the numeric sense. A JS number is read as
//! the shortest decimal that round-trips to it (what `String(x)` prints in JS), and that
//! decimal is what is checked against the grid; the fast path proves the same result with
//! an exact round-trip (bit identity) of the nearest grid value.

use std::fmt;

/// Largest integer a JS number holds exactly (2^53 - 1). Counts of ticks and lots stay
/// within it so that they cross into JS without loss.
pub const MAX_SAFE: i64 = (1i64 << 53) - 1;

/// Most fractional digits a step may have (10^-18).
pub const MAX_STEP_SCALE: u32 = 18;

/// Most significant digits a parsed decimal may have.
const MAX_DIGITS: u32 = 36;

const POW10_F64: [f64; 23] =
    [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/// 10^n as i128, or None past 10^38.
pub fn pow10_i128(n: u32) -> Option<i128> {
    10i128.checked_pow(n)
}

/// Why a decimal could not be read or placed on a grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecimalError {
    /// Empty string.
    Empty,
    /// Not a decimal number (the message says where).
    Syntax(String),
    /// NaN or an infinity.
    NotFinite,
    /// Too many digits, or the number of steps does not fit a safe integer.
    Overflow,
    /// A step (tick size, qty step) must be greater than zero.
    NotPositive,
    /// Not a whole number of steps.
    OffGrid,
}

impl fmt::Display for DecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecimalError::Empty => write!(f, "empty decimal string"),
            DecimalError::Syntax(m) => write!(f, "not a decimal number: {m}"),
            DecimalError::NotFinite => write!(f, "not a finite number"),
            DecimalError::Overflow => write!(f, "out of range (more than 2^53 steps or 36 digits)"),
            DecimalError::NotPositive => write!(f, "must be greater than zero"),
            DecimalError::OffGrid => write!(f, "not a whole number of steps"),
        }
    }
}

impl std::error::Error for DecimalError {}

/// An exact decimal: `mant * 10^-scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Decimal {
    pub mant: i128,
    pub scale: u32,
}

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal { mant: 0, scale: 0 };

    /// Builds `mant * 10^-scale`.
    pub fn new(mant: i128, scale: u32) -> Decimal {
        Decimal { mant, scale }
    }

    /// Parses `[+-]digits[.digits][(e|E)[+-]digits]` exactly ("0.10", "1e-3", "-2.5E+2").
    pub fn parse(s: &str) -> Result<Decimal, DecimalError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(DecimalError::Empty);
        }
        let b = s.as_bytes();
        let mut i = 0;
        let mut neg = false;
        if b[0] == b'+' || b[0] == b'-' {
            neg = b[0] == b'-';
            i = 1;
        }
        let lower = s[i..].to_ascii_lowercase();
        if matches!(lower.as_str(), "nan" | "inf" | "infinity") {
            return Err(DecimalError::NotFinite);
        }
        let mut mant: i128 = 0;
        let mut digits = 0u32; // significant digits kept (leading zeros skipped)
        let mut frac = 0i64; // digits after the point folded into mant
        let mut pending = 0u32; // fractional zeros not yet folded (dropped if trailing)
        let mut seen_digit = false;
        let mut seen_point = false;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_digit() {
                seen_digit = true;
                if c == b'0' && seen_point && mant != 0 {
                    pending += 1;
                } else {
                    if pending > 0 {
                        digits += pending;
                        if digits > MAX_DIGITS {
                            return Err(DecimalError::Overflow);
                        }
                        mant *= pow10_i128(pending).ok_or(DecimalError::Overflow)?;
                        frac += pending as i64;
                        pending = 0;
                    }
                    if mant != 0 || c != b'0' {
                        digits += 1;
                        if digits > MAX_DIGITS {
                            return Err(DecimalError::Overflow);
                        }
                    }
                    mant = mant * 10 + (c - b'0') as i128;
                    if seen_point {
                        frac += 1;
                    }
                }
            } else if c == b'.' && !seen_point {
                seen_point = true;
            } else {
                break;
            }
            i += 1;
        }
        if !seen_digit {
            return Err(DecimalError::Syntax(format!("'{s}' has no digits")));
        }
        let mut exp: i64 = 0;
        if i < b.len() {
            if b[i] != b'e' && b[i] != b'E' {
                return Err(DecimalError::Syntax(format!("unexpected '{}' in '{s}'", b[i] as char)));
            }
            i += 1;
            let mut eneg = false;
            if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
                eneg = b[i] == b'-';
                i += 1;
            }
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                exp = (exp * 10 + (b[i] - b'0') as i64).min(1_000_000);
                i += 1;
            }
            if i == start || i != b.len() {
                return Err(DecimalError::Syntax(format!("bad exponent in '{s}'")));
            }
            if eneg {
                exp = -exp;
            }
        }
        if neg {
            mant = -mant;
        }
        // value = mant * 10^(exp - frac)
        let mut scale = frac - exp;
        if mant == 0 {
            return Ok(Decimal::ZERO);
        }
        if scale < 0 {
            let up = (-scale) as u32;
            if digits + up > MAX_DIGITS {
                return Err(DecimalError::Overflow);
            }
            mant *= pow10_i128(up).ok_or(DecimalError::Overflow)?;
            scale = 0;
        }
        let mut d = Decimal { mant, scale: 0 };
        // Strip trailing zeros before checking the scale bound, so "1.000…0" stays readable.
        let mut sc = scale;
        while sc > 0 && d.mant % 10 == 0 {
            d.mant /= 10;
            sc -= 1;
        }
        if sc > 60 {
            return Err(DecimalError::Overflow);
        }
        d.scale = sc as u32;
        Ok(d)
    }

    /// The shortest decimal that round-trips to `x` (the digits JS prints for it).
    pub fn from_f64(x: f64) -> Result<Decimal, DecimalError> {
        if !x.is_finite() {
            return Err(DecimalError::NotFinite);
        }
        if x == 0.0 {
            return Ok(Decimal::ZERO);
        }
        // Rust's Display for f64 prints the shortest round-tripping digits, never an exponent.
        let s = format!("{x}");
        Decimal::parse(&s)
    }

    /// Drops trailing fractional zeros ("1.500" → "1.5").
    pub fn normalized(self) -> Decimal {
        // Zero first: 0 % 10 == 0 would loop once per unit of scale (up to 2^32 times).
        if self.mant == 0 {
            return Decimal::ZERO;
        }
        let mut d = self;
        while d.scale > 0 && d.mant % 10 == 0 {
            d.mant /= 10;
            d.scale -= 1;
        }
        if d.mant == 0 {
            d.scale = 0;
        }
        d
    }

    /// True when greater than zero.
    pub fn is_positive(&self) -> bool {
        self.mant > 0
    }

    /// Nearest f64 (for display and float-side arithmetic only).
    pub fn to_f64(&self) -> f64 {
        if (self.scale as usize) < POW10_F64.len() && self.mant.unsigned_abs() < (1u128 << 53) {
            return self.mant as f64 / POW10_F64[self.scale as usize];
        }
        // |mant| < 2^127 < 10^39, so past 10^-400 the value rounds to zero (without
        // formatting a string of `scale` digits).
        if self.scale > 400 {
            return if self.mant < 0 { -0.0 } else { 0.0 };
        }
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_scaled(self.mant, self.scale))
    }
}

/// `mant * 10^-scale` as a plain decimal string without trailing zeros ("0.1", "-12", "3.25").
pub fn format_scaled(mant: i128, scale: u32) -> String {
    let neg = mant < 0;
    let digits = mant.unsigned_abs().to_string();
    let scale = scale as usize;
    let mut s = if scale == 0 {
        digits
    } else if digits.len() > scale {
        let (a, b) = digits.split_at(digits.len() - scale);
        format!("{a}.{b}")
    } else {
        format!("0.{}{}", "0".repeat(scale - digits.len()), digits)
    };
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if neg && s != "0" {
        s.insert(0, '-');
    }
    s
}

/// How a value between two grid points becomes a whole number of steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// Must already be on the grid, else [`DecimalError::OffGrid`].
    Exact,
    /// Toward minus infinity (a buy price, a quantity).
    Down,
    /// Toward plus infinity (a sell price).
    Up,
    /// To the nearest grid point, ties away from zero.
    Nearest,
}

/// Divides `num / den` (den > 0) with the rounding mode; Exact fails on a remainder.
pub fn div_round(num: i128, den: i128, mode: Rounding) -> Result<i128, DecimalError> {
    let q = num.div_euclid(den);
    let r = num.rem_euclid(den);
    if r == 0 {
        return Ok(q);
    }
    match mode {
        Rounding::Exact => Err(DecimalError::OffGrid),
        Rounding::Down => Ok(q),
        Rounding::Up => Ok(q + 1),
        Rounding::Nearest => {
            // q is floor; compare r with den - r, i.e. 2r with den without overflowing
            // when den is near i128::MAX (ties away from zero).
            let rest = den - r;
            if r > rest || (r == rest && num > 0) {
                Ok(q + 1)
            } else {
                Ok(q)
            }
        }
    }
}

/// A grid step (tick size or quantity step): `units * 10^-scale`, units > 0.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    pub units: i64,
    pub scale: u32,
    /// `units * 10^-scale` as f64 (for the fast path and display).
    value: f64,
    /// 10^scale / units as f64.
    inv: f64,
}

impl PartialEq for Step {
    fn eq(&self, o: &Step) -> bool {
        self.units == o.units && self.scale == o.scale
    }
}
impl Eq for Step {}

impl Step {
    /// A step from an exact decimal; must be positive with at most 18 decimals.
    pub fn new(d: Decimal) -> Result<Step, DecimalError> {
        let d = d.normalized();
        if !d.is_positive() {
            return Err(DecimalError::NotPositive);
        }
        if d.scale > MAX_STEP_SCALE || d.mant > MAX_SAFE as i128 {
            return Err(DecimalError::Overflow);
        }
        Ok(Step::from_parts(d.mant as i64, d.scale))
    }

    fn from_parts(units: i64, scale: u32) -> Step {
        let p = 10f64.powi(scale as i32);
        Step { units, scale, value: units as f64 / p, inv: p / units as f64 }
    }

    /// Parses a step from a string ("0.01", "1e-3").
    pub fn parse(s: &str) -> Result<Step, DecimalError> {
        Step::new(Decimal::parse(s)?)
    }

    /// A step from a JS number (read as its shortest decimal).
    pub fn from_f64(x: f64) -> Result<Step, DecimalError> {
        Step::new(Decimal::from_f64(x)?)
    }

    /// The step as a decimal.
    pub fn decimal(&self) -> Decimal {
        Decimal { mant: self.units as i128, scale: self.scale }
    }

    /// The step's value as f64.
    pub fn value(&self) -> f64 {
        self.value
    }

    /// Number of steps in `d` (with the rounding mode), within ±2^53.
    pub fn steps_of(&self, d: Decimal, mode: Rounding) -> Result<i64, DecimalError> {
        let n = steps_i128(d, self.units as i128, self.scale, mode)?;
        if n.unsigned_abs() > MAX_SAFE as u128 {
            return Err(DecimalError::Overflow);
        }
        Ok(n as i64)
    }

    /// Number of steps in the decimal string `s`.
    pub fn steps_of_str(&self, s: &str, mode: Rounding) -> Result<i64, DecimalError> {
        self.steps_of(Decimal::parse(s)?, mode)
    }

    /// Number of steps in the JS number `x` (its shortest decimal), without formatting it
    /// in the common case.
    ///
    /// Fast path, exact by construction: with |x / step| < 2^50 the nearest grid index n
    /// from one multiply is within one of the exact quotient, and the grid value n·step
    /// (an integer over a power of ten, both exact doubles) rounds correctly in one
    /// division. Rounding to a double is monotonic, so comparing that double with x orders
    /// the grid value and x's shortest decimal exactly, unless both are the same double:
    /// then they are the same decimal only when the grid value has at most 15 significant
    /// digits (two such decimals never share a double); otherwise the slow path decides.
    /// Nearest compares x with the midpoint between grid values the same way, and leaves
    /// the exact ties (and anything it cannot tell) to the slow path.
    #[inline]
    pub fn steps_of_f64(&self, x: f64, mode: Rounding) -> Result<i64, DecimalError> {
        if !x.is_finite() {
            return Err(DecimalError::NotFinite);
        }
        let q = x * self.inv;
        if q.abs() < 1.0e15 && (self.scale as usize) < POW10_F64.len() {
            let n = q.round() as i64;
            let p10 = POW10_F64[self.scale as usize];
            if let Some(prod) = n.checked_mul(self.units) {
                if prod.unsigned_abs() <= MAX_SAFE as u64 {
                    let cand = prod as f64 / p10;
                    let hit = cand.to_bits() == x.to_bits() || (cand == 0.0 && x == 0.0);
                    if hit && prod.unsigned_abs() < 1_000_000_000_000_000 {
                        return Ok(n);
                    }
                    if !hit {
                        let below = cand < x; // the grid value lies below x's decimal
                        let lo = if below { n } else { n - 1 };
                        match mode {
                            Rounding::Exact => return Err(DecimalError::OffGrid),
                            Rounding::Down => return Ok(lo),
                            Rounding::Up => return Ok(lo + 1),
                            Rounding::Nearest => {
                                // The midpoint (lo + 1/2)·step = (2·lo + 1)·units / (2·10^scale).
                                let m2 = (2 * lo + 1).checked_mul(self.units).filter(|m| m.unsigned_abs() <= MAX_SAFE as u64);
                                if let Some(m2) = m2 {
                                    let mid = m2 as f64 / (2.0 * p10);
                                    if mid < x {
                                        return Ok(lo + 1);
                                    }
                                    if mid > x {
                                        return Ok(lo);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.steps_of(Decimal::from_f64(x)?, mode)
    }

    /// `n` steps as f64 (correctly rounded when `n·units` is a safe integer).
    #[inline]
    pub fn to_f64(&self, n: i64) -> f64 {
        match n.checked_mul(self.units) {
            Some(p) if p.unsigned_abs() <= MAX_SAFE as u64 && (self.scale as usize) < POW10_F64.len() => {
                p as f64 / POW10_F64[self.scale as usize]
            }
            _ => n as f64 * self.value,
        }
    }

    /// `n` steps as an exact decimal string.
    pub fn to_string_of(&self, n: i64) -> String {
        format_scaled(n as i128 * self.units as i128, self.scale)
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_scaled(self.units as i128, self.scale))
    }
}

/// `d / (units·10^-scale)` rounded, in i128.
pub fn steps_i128(d: Decimal, units: i128, scale: u32, mode: Rounding) -> Result<i128, DecimalError> {
    if d.scale <= scale {
        let up = pow10_i128(scale - d.scale).ok_or(DecimalError::Overflow)?;
        let num = d.mant.checked_mul(up).ok_or(DecimalError::Overflow)?;
        div_round(num, units, mode)
    } else {
        let down = pow10_i128(d.scale - scale);
        match down.and_then(|p| p.checked_mul(units)) {
            Some(den) => div_round(d.mant, den, mode),
            // The divisor exceeds any 36-digit mantissa: the quotient is 0 or -1.
            None => div_round(d.mant.signum(), i128::MAX, mode),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    #[test]
    fn parses_exchange_strings() {
        assert_eq!(dec("0.10"), Decimal::new(1, 1));
        assert_eq!(dec("1e-3"), Decimal::new(1, 3));
        assert_eq!(dec("-2.5E+2"), Decimal::new(-250, 0));
        assert_eq!(dec("25"), Decimal::new(25, 0));
        assert_eq!(dec(".5"), Decimal::new(5, 1));
        assert_eq!(dec("5."), Decimal::new(5, 0));
        assert_eq!(dec("0"), Decimal::ZERO);
        assert_eq!(dec("-0.000"), Decimal::ZERO);
        assert_eq!(dec("1.000000000000000000000000000000000000000000000000000"), Decimal::new(1, 0));
        for bad in ["", " ", "abc", "1.2.3", "1e", "1e+", "--1", "1x", "e5", "."] {
            assert!(Decimal::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Decimal::parse("NaN"), Err(DecimalError::NotFinite));
        assert_eq!(Decimal::parse("-Infinity"), Err(DecimalError::NotFinite));
        assert_eq!(Decimal::parse("1e40"), Err(DecimalError::Overflow));
        assert_eq!(Decimal::parse("1234567890123456789012345678901234567"), Err(DecimalError::Overflow));
    }

    #[test]
    fn from_f64_is_the_shortest_decimal() {
        assert_eq!(Decimal::from_f64(0.1).unwrap(), Decimal::new(1, 1));
        assert_eq!(Decimal::from_f64(0.1 + 0.2).unwrap(), dec("0.30000000000000004"));
        assert_eq!(Decimal::from_f64(1e-7).unwrap(), Decimal::new(1, 7));
        assert_eq!(Decimal::from_f64(f64::NAN), Err(DecimalError::NotFinite));
        assert_eq!(dec("123.456").to_string(), "123.456");
        assert_eq!(dec("-0.05").to_string(), "-0.05");
    }

    #[test]
    fn steps_exact_and_rounded() {
        let tick = Step::parse("0.10").unwrap();
        assert_eq!(tick.to_string(), "0.1");
        assert_eq!(tick.steps_of_str("100.3", Rounding::Exact), Ok(1003));
        assert_eq!(tick.steps_of_str("100.35", Rounding::Exact), Err(DecimalError::OffGrid));
        assert_eq!(tick.steps_of_str("100.35", Rounding::Down), Ok(1003));
        assert_eq!(tick.steps_of_str("100.35", Rounding::Up), Ok(1004));
        assert_eq!(tick.steps_of_str("100.35", Rounding::Nearest), Ok(1004));
        assert_eq!(tick.steps_of_str("-100.35", Rounding::Down), Ok(-1004));
        let half = Step::parse("0.5").unwrap();
        assert_eq!(half.steps_of_str("1.25", Rounding::Down), Ok(2));
        assert_eq!(half.steps_of_str("3", Rounding::Exact), Ok(6));
        let five = Step::parse("5").unwrap();
        assert_eq!(five.steps_of_str("12", Rounding::Exact), Err(DecimalError::OffGrid));
        assert_eq!(five.steps_of_str("12", Rounding::Down), Ok(2));
        assert_eq!(five.steps_of_str("0.0000000000000000000000000000001", Rounding::Up), Ok(1));
        assert_eq!(five.steps_of_str("0.0000000000000000000000000000001", Rounding::Down), Ok(0));
        assert_eq!(Step::parse("0"), Err(DecimalError::NotPositive));
        assert_eq!(Step::parse("-1"), Err(DecimalError::NotPositive));
        assert_eq!(Step::parse("1e-19"), Err(DecimalError::Overflow));
        assert_eq!(tick.steps_of_str("1e30", Rounding::Exact), Err(DecimalError::Overflow));
    }

    #[test]
    fn f64_fast_path_agrees_with_decimal_path() {
        let ticks = ["0.01", "0.1", "0.5", "0.0001", "1", "5", "0.25", "0.00000001", "0.003"];
        let xs = [
            0.1,
            0.2,
            0.3,
            0.1 + 0.2,
            100.35,
            100.3,
            1.0,
            12345.67,
            0.005,
            1e-8,
            3e-8,
            99999.99,
            0.07,
            1.15,
            2.675,
            1e12,
            -4.2,
            0.0,
            7.5,
            0.009,
        ];
        for t in ticks {
            let step = Step::parse(t).unwrap();
            for &x in &xs {
                for mode in [Rounding::Exact, Rounding::Down, Rounding::Up] {
                    let fast = step.steps_of_f64(x, mode);
                    let slow = step.steps_of(Decimal::from_f64(x).unwrap(), mode);
                    assert_eq!(fast, slow, "tick {t} x {x} {mode:?}");
                }
            }
        }
        assert_eq!(Step::parse("0.01").unwrap().steps_of_f64(f64::INFINITY, Rounding::Down), Err(DecimalError::NotFinite));
    }

    #[test]
    fn to_f64_and_string() {
        let t = Step::parse("0.01").unwrap();
        assert_eq!(t.to_f64(10035), 100.35);
        assert_eq!(t.to_string_of(10035), "100.35");
        assert_eq!(t.to_string_of(-5), "-0.05");
        assert_eq!(t.to_string_of(0), "0");
    }
}
