// Covariance / correlation matrices and portfolio volatility on Eigen.
#include "hean/matrix.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include <Eigen/Dense>

namespace hean {

using RowMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

std::size_t cov_matrix(const double* x, std::size_t rows, std::size_t cols, double ddof, bool corr, double* out) {
  Eigen::Map<RowMat> res(out, Eigen::Index(cols), Eigen::Index(cols));
  if (cols == 0) return 0;
  // Series-major input is a column-major rows x cols matrix: column j is series j.
  Eigen::Map<const Eigen::MatrixXd> all(x, Eigen::Index(rows), Eigen::Index(cols));

  std::vector<Eigen::Index> keep;
  keep.reserve(rows);
  for (Eigen::Index t = 0; t < Eigen::Index(rows); ++t)
    if (all.row(t).allFinite()) keep.push_back(t);
  const std::size_t used = keep.size();
  if (double(used) <= ddof) {
    res.setConstant(std::numeric_limits<double>::quiet_NaN());
    return used;
  }

  // Center on the column means of the kept rows, then one symmetric rank-k update.
  Eigen::RowVectorXd mean = Eigen::RowVectorXd::Zero(Eigen::Index(cols));
  for (Eigen::Index t : keep) mean += all.row(t);
  mean /= double(used);
  Eigen::MatrixXd centered(static_cast<Eigen::Index>(used), static_cast<Eigen::Index>(cols));
  for (std::size_t r = 0; r < used; ++r) centered.row(Eigen::Index(r)) = all.row(keep[r]) - mean;

  Eigen::MatrixXd c = Eigen::MatrixXd::Zero(Eigen::Index(cols), Eigen::Index(cols));
  c.selfadjointView<Eigen::Lower>().rankUpdate(centered.transpose());
  c = c.selfadjointView<Eigen::Lower>();
  c /= (double(used) - ddof);

  if (corr) {
    Eigen::VectorXd sd = c.diagonal().cwiseSqrt();
    for (Eigen::Index i = 0; i < c.rows(); ++i)
      for (Eigen::Index j = 0; j < c.cols(); ++j) {
        const double d = sd(i) * sd(j);
        c(i, j) = i == j ? (d > 0 ? 1.0 : std::numeric_limits<double>::quiet_NaN())
                         : (d > 0 ? c(i, j) / d : std::numeric_limits<double>::quiet_NaN());
      }
  }
  res = c;
  return used;
}

double portfolio_vol(const double* w, std::size_t n, const double* cov) {
  Eigen::Map<const Eigen::VectorXd> wv(w, Eigen::Index(n));
  Eigen::Map<const RowMat> s(cov, Eigen::Index(n), Eigen::Index(n));
  const double v = wv.dot(s * wv);
  if (std::isnan(v)) return v;
  return v > 0 ? std::sqrt(v) : 0.0;
}

}  // namespace hean
