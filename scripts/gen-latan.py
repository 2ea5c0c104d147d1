# The constants of latan (native-cpp/include/hean/lmath.hpp): atan(c) in two parts for the
# midpoints c of the 8 buckets of each binade [2^e, 2^(e+1)), e = -5 .. 4 (the top three
# mantissa bits), and the degree-3 polynomial P(z) = (t - atan(t)) / t^3 on |t| <= 1/32
# (the reduced argument's bound), interpolated at the Chebyshev nodes of z in [0, 1/1024]
# with mpmath at 200 bits. Prints the C++ initializers.
#   node_modules/.cache/hean-pyref/venv/bin/python scripts/gen-latan.py
import mpmath as mp

mp.mp.prec = 200
hi, lo = [], []
for e in range(-5, 5):
    for j in range(8):
        c = mp.mpf(2) ** e * (1 + (mp.mpf(j) + mp.mpf(1) / 2) / 8)
        a = mp.atan(c)
        h = float(a)
        hi.append(h)
        lo.append(float(a - h))
zmax = mp.mpf(1) / 1024
n = 4
nodes = [zmax * (1 - mp.cos(mp.pi * (2 * k + 1) / (2 * n))) / 2 for k in range(n)]
P = lambda z: (mp.sqrt(z) - mp.atan(mp.sqrt(z))) / mp.sqrt(z) ** 3
coef = mp.lu_solve(mp.matrix([[z**i for i in range(n)] for z in nodes]), mp.matrix([P(z) for z in nodes]))
fmt = lambda v: ', '.join(repr(x) for x in v)
print(f'kAtanTableHi[80] = {{{fmt(hi)}}};')
print(f'kAtanTableLo[80] = {{{fmt(lo)}}};')
print(f'P: {fmt(float(c) for c in coef)}')
