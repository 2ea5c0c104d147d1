// The DC phase's sin/cos table (native-cpp/include/hean/hilbert_trig.inc, written by
// scripts/gen-hilbert-trig.mjs): the committed file is what the script writes, and every
// entry is, against a 300-bit mpmath reference, correctly rounded (the cosines and all but
// the script's 7 sines) or, for those 7, the other neighbour of a near-tie (within 0.51 ulp);
// on glibc every entry equals Python's math.sin / math.cos (glibc's libm, which TA-Lib calls).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensurePyRef } from '../backtest/pyref.js';

const root = join(__dirname, '..', '..');
const ref = ensurePyRef();
const CI = process.env.CI === 'true';

function table(): { sin: number[]; cos: number[] } {
  const text = readFileSync(join(root, 'native-cpp', 'include', 'hean', 'hilbert_trig.inc'), 'utf8');
  const arr = (name: string) => {
    const body = new RegExp(`${name}\\[1275\\] = \\{([^}]*)\\}`).exec(text)![1]!;
    return body.replace(/\/\/[^\n]*/g, '').split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  };
  return { sin: arr('kDcSin'), cos: arr('kDcCos') };
}

describe('hilbert_trig.inc', () => {
  it('is what scripts/gen-hilbert-trig.mjs writes', async () => {
    const { generate } = await import('../../scripts/gen-hilbert-trig.mjs');
    expect(readFileSync(join(root, 'native-cpp', 'include', 'hean', 'hilbert_trig.inc'), 'utf8')).toBe(generate());
  });

  it.skipIf(!ref.ok && !CI)('holds the correctly rounded sin/cos but for near-ties, and glibc\'s bits', () => {
    if (!ref.ok) throw new Error(ref.why);
    const { sin, cos } = table();
    expect(sin.length).toBe(1275);
    expect(cos.length).toBe(1275);
    const py = `
import json, math, sys, platform
import mpmath
mpmath.mp.prec = 300
t = json.load(sys.stdin)
two = math.atan(1.0) * 8.0
out = {"glibc": platform.libc_ver()[0] == "glibc", "rows": []}
k = 0
for n in range(1, 51):
    for i in range(n):
        x = float(i) * two / float(n)
        row = []
        for f, mf, v in ((math.sin, mpmath.sin, t["sin"][k]), (math.cos, mpmath.cos, t["cos"][k])):
            exact = mf(mpmath.mpf(x))
            cr = float(exact)
            ulp = math.ulp(cr) if cr != 0 else 2.0 ** -1074
            row.append([v == cr, float(abs(mpmath.mpf(v) - exact) / ulp), v == f(x)])
        out["rows"].append([n, i, row])
        k += 1
print(json.dumps(out))
`;
    const r = spawnSync(ref.python, ['-c', py], { input: JSON.stringify({ sin, cos }), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const res = JSON.parse(r.stdout) as { glibc: boolean; rows: [number, number, [boolean, number, boolean][]][] };
    const notCr: string[] = [];
    for (const [n, i, [s, c]] of res.rows) {
      expect(c![0], `cos n=${n} i=${i}`).toBe(true);
      if (!s![0]) notCr.push(`${n}/${i}`);
      expect(s![1], `sin n=${n} i=${i} ulps`).toBeLessThan(0.51);
      if (res.glibc) {
        expect(s![2], `sin n=${n} i=${i} vs libm`).toBe(true);
        expect(c![2], `cos n=${n} i=${i} vs libm`).toBe(true);
      }
    }
    expect(notCr).toEqual(['19/11', '27/13', '38/22', '39/1', '40/33', '40/39', '41/22']);
  }, 60_000);
});
