// Cross-series statistics on Eigen.
#pragma once

#include <cstddef>

namespace hean {

// x holds cols series of rows values each, series-major (x[j * rows + t]), the layout of
// the many-series indicators. Rows with
// any non-finite value are skipped (listwise deletion). Writes the cols x cols covariance
// (or correlation when `corr`) row-major into out, dividing by (used - ddof). Returns the
// number of rows used; when that is <= ddof every entry is NaN.
std::size_t cov_matrix(const double* x, std::size_t rows, std::size_t cols, double ddof, bool corr, double* out);

// sqrt(w' S w) for weights w (n) and covariance S (n x n, row-major).
double portfolio_vol(const double* w, std::size_t n, const double* cov);

}  // namespace hean
