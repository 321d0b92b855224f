#include "qtherm/models/cascaded/oscillator_fock.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/base/check.hpp"
#include "qtherm/parallel/vec_array.hpp"
#include "qtherm/parallel/vector_ops.hpp"

namespace qtherm::models::oscillators {

Indexing full_indexing(PetscInt d) {
  return {[d](PetscInt i, PetscInt j) { return i + d * j; }, [d](PetscInt r) { return std::make_pair(r % d, r / d); }};
}

LocalState thermal_mode(double N, long n) {
  LocalState s{Eigen::MatrixXcd::Zero(n, n), 0};
  const double q = N / (N + 1);
  double p = 1 / (N + 1), kept = 0;
  for (long m = 0; m < n; ++m, p *= q) {
    s.rho(m, m) = p;
    kept += p;
  }
  s.lost = 1 - kept;
  s.rho /= kept;
  return s;
}

LocalState fock_mode(long k, long n) {
  if (k < 0 || k >= n)
    throw std::invalid_argument("Fock state |" + std::to_string(k) + "> needs a cutoff above " + std::to_string(k));
  LocalState s{Eigen::MatrixXcd::Zero(n, n), 0};
  s.rho(k, k) = 1;
  return s;
}

LocalState coherent_mode(cplx alpha, long n) {
  Eigen::VectorXcd c(n);
  cplx amp = std::exp(-0.5 * std::norm(alpha));
  for (long m = 0; m < n; ++m) {
    c(m) = amp;
    amp *= alpha / std::sqrt(double(m + 1));
  }
  const double kept = c.squaredNorm();
  LocalState s{c * c.adjoint() / kept, 1 - kept};
  return s;
}

long squeezing_working_levels(double vx, double vp, long m) {
  double mu = 0;
  for (double v : {vx, vp})
    if (v > 0.5) mu = std::max(mu, (v - 0.5) / (v + 0.5));
  const double margin = mu > 0 ? std::ceil(2 * std::log(1e-17) / std::log(mu)) : 0.0;
  return m + long(std::min(margin, 1e9)) + 32;
}

Eigen::MatrixXd squeezed_thermal_mode(double vx, double vp, long m, long K) {
  if (!(vx > 0 && vp > 0 && vx * vp >= 0.25 - 1e-10))
    throw std::invalid_argument("variances " + std::to_string(vx) + ", " + std::to_string(vp) +
                                " are not those of a quantum state (vx vp < 1/4)");
  const double nu = std::max(0.0, std::sqrt(vx * vp) - 0.5), s = 0.25 * std::log(vx / vp), q = nu / (nu + 1);
  Eigen::MatrixXd rho = Eigen::MatrixXd::Zero(m, m);
  for (long par = 0; par < 2; ++par) {
    // The generator G = s(b†² − b²)/2 on the levels k = par + 2j < K is a real antisymmetric
    // tridiagonal T with T[j+1, j] = t_j = (s/2)√((k+1)(k+2)). With D = diag(iʲ), D⁻¹TD = −i·Sym for the
    // real symmetric tridiagonal Sym with off-diagonal t_j, so exp(T)[j, l] = i^(j−l) Σ_q Q_jq e^{−iλ_q} Q_lq.
    const long len = (K - par + 1) / 2, jm = std::min(len, (m - par + 1) / 2);
    if (len <= 0 || jm <= 0) continue;
    Eigen::VectorXd diag = Eigen::VectorXd::Zero(len), off(std::max(0L, len - 1));
    for (long j = 0; j + 1 < len; ++j) {
      const double k = double(par + 2 * j);
      off(j) = 0.5 * s * std::sqrt((k + 1) * (k + 2));
    }
    Eigen::MatrixXd Q = Eigen::MatrixXd::Identity(len, len);
    Eigen::VectorXd lambda = diag;
    if (len > 1) {
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es;
      es.computeFromTridiagonal(diag, off, Eigen::ComputeEigenvectors);
      Q = es.eigenvectors();
      lambda = es.eigenvalues();
    }
    Eigen::MatrixXcd E = Q.topRows(jm).cast<cplx>();
    for (long l = 0; l < len; ++l) E.col(l) *= std::exp(cplx(0, -lambda(l)));
    const Eigen::MatrixXcd Sc = E * Q.transpose();  // rows j < jm of exp(−i·Sym)
    static const cplx ipow[4] = {1, cplx(0, 1), -1, cplx(0, -1)};
    Eigen::MatrixXd S(jm, len);  // rows j < jm of exp(T), real
    for (long l = 0; l < len; ++l)
      for (long j = 0; j < jm; ++j) S(j, l) = (ipow[((j - l) % 4 + 4) % 4] * Sc(j, l)).real();
    Eigen::VectorXd p(len);  // thermal weights of the levels par + 2l
    for (long l = 0; l < len; ++l) p(l) = std::pow(q, double(par + 2 * l)) / (nu + 1);
    const Eigen::MatrixXd block = S * p.asDiagonal() * S.transpose();
    for (long j = 0; j < jm; ++j)
      for (long l = 0; l < jm; ++l) rho(par + 2 * j, par + 2 * l) = block(j, l);
  }
  return rho;
}

namespace {

// V[N] for N ≤ Nmax: column k = |k⟩₊|N−k⟩₋ (b± = (a1 ± a2)/√2) in the basis |p, N−p⟩ of (a1, a2),
// built from sector N−1 with b±† = (a1† ± a2†)/√2, which is exact within the sector.
std::vector<Eigen::MatrixXd> beam_splitter(long Nmax) {
  std::vector<Eigen::MatrixXd> V(1, Eigen::MatrixXd::Ones(1, 1));
  for (long N = 1; N <= Nmax; ++N) {
    const Eigen::MatrixXd& prev = V.back();
    auto raise = [&](long k, double sign) {  // (a1† + sign a2†)/√2 on column k of sector N−1
      Eigen::VectorXd w = Eigen::VectorXd::Zero(N + 1);
      for (long p = 0; p < N; ++p) {
        w(p + 1) += std::sqrt(double(p + 1)) * prev(p, k);
        w(p) += sign * std::sqrt(double(N - p)) * prev(p, k);
      }
      return Eigen::VectorXd(w / std::sqrt(2.0));
    };
    Eigen::MatrixXd cur(N + 1, N + 1);
    cur.col(0) = raise(0, -1) / std::sqrt(double(N));
    for (long k = 1; k <= N; ++k) cur.col(k) = raise(k - 1, +1) / std::sqrt(double(k));
    V.push_back(std::move(cur));
  }
  return V;
}

// Rows p of sector N kept by the per-mode cutoff n: p < n and N − p < n.
long first_row(long N, long n) { return std::max(0L, N - n + 1); }
long last_row(long N, long n) { return std::min(N, n - 1); }

}  // namespace

double FockState::gaussian_cost(double a, double c13, double c24, long n) {
  const long m = 2 * n - 1;
  double flops = 0;
  for (double sign : {1.0, -1.0}) {
    const double K = double(squeezing_working_levels(a + sign * c13, a + sign * c24, m));
    flops += 3 * K * K * K + 4 * double(m) * K * K;  // two tridiagonal eigenproblems of K/2, the products
  }
  for (long N = 0; N <= m - 1; ++N) {
    const double rows = double(last_row(N, n) - first_row(N, n) + 1), w = double(N + 1);
    flops += 2 * rows * w * w;  // the diagonal
    double column = 0;          // one column of total number N
    for (long M = N % 2; M <= m - 1; M += 2) {
      const double rm = double(last_row(M, n) - first_row(M, n) + 1);
      column += double(M + 1) * w + 2 * rm * double(M + 1);
    }
    flops += rows * column;
  }
  return flops;
}

FockState FockState::gaussian(double a, double c13, double c24, long n) {
  const double cost = gaussian_cost(a, c13, c24, n);
  if (cost > gaussian_cost_limit)
    throw std::invalid_argument("building this Gaussian state on " + std::to_string(n) +
                                " levels per mode takes about " + std::to_string(long(cost / 1e9)) +
                                "e9 operations (limit " + std::to_string(long(gaussian_cost_limit / 1e9)) + "e9)");
  FockState s;
  s.n_ = n;
  s.kind_ = Kind::gaussian;
  const long m = 2 * n - 1;  // ρ± are needed up to the total number 2(n − 1)
  s.rho_plus_ = squeezed_thermal_mode(a + c13, a + c24, m, squeezing_working_levels(a + c13, a + c24, m));
  s.rho_minus_ = squeezed_thermal_mode(a - c13, a - c24, m, squeezing_working_levels(a - c13, a - c24, m));
  s.splitter_ = beam_splitter(m - 1);
  double kept = 0;
  for (long N = 0; N <= m - 1; ++N) {
    Eigen::MatrixXd B(N + 1, N + 1);
    for (long k = 0; k <= N; ++k)
      for (long l = 0; l <= N; ++l) B(k, l) = s.rho_plus_(k, l) * s.rho_minus_(N - k, N - l);
    const long p0 = first_row(N, n), rows = last_row(N, n) - p0 + 1;
    const Eigen::MatrixXd Vr = s.splitter_[N].middleRows(p0, rows);
    Eigen::VectorXd d = Eigen::VectorXd::Zero(N + 1);
    d.segment(p0, rows) = (Vr * B).cwiseProduct(Vr).rowwise().sum();
    kept += d.sum();
    s.diagonal_.push_back(std::move(d));
  }
  s.kept_ = kept;
  s.lost_ = 1 - kept;
  return s;
}

void FockState::gaussian_column(long j, Eigen::VectorXd& col) const {
  const long n = n_, m = 2 * n - 1, j0 = j / n, Nc = j0 + j % n;
  col = Eigen::VectorXd::Zero(n * n);
  const Eigen::VectorXd w = splitter_[Nc].row(j0).transpose();  // ⟨k'|₊⟨Nc−k'|₋ |j0, Nc−j0⟩
  Eigen::VectorXd u = Eigen::VectorXd::Zero(std::max(m, 1L));   // one allocation; head(N + 1) per sector
  for (long N = Nc % 2; N <= m - 1; N += 2) {
    // u = (ρ₊ ⊗ ρ₋) restricted to rows of total number N, applied to w; ρ± keep the parity.
    for (long k = 0; k <= N; ++k) {
      double acc = 0;
      for (long kp = k % 2; kp <= Nc; kp += 2) acc += rho_plus_(k, kp) * rho_minus_(N - k, Nc - kp) * w(kp);
      u(k) = acc;
    }
    for (long p = first_row(N, n); p <= last_row(N, n); ++p)
      col(p * n + (N - p)) = splitter_[N].row(p).dot(u.head(N + 1));
  }
}

FockState::FockState(LocalState a, LocalState b)
    : n_(a.rho.rows()),
      kind_(Kind::product),
      r0_(std::move(a.rho)),
      r1_(std::move(b.rho)),
      lost_(1 - (1 - a.lost) * (1 - b.lost)) {}

FockState FockState::correlated(double n_s, double c, long n) {
  FockState s;
  s.n_ = n;
  s.kind_ = Kind::sectors;
  const long Nmax = 2 * (n - 1);
  const double np = n_s + c, nm = std::max(0.0, n_s - c);
  auto geometric = [](double N, long k) { return std::pow(N / (N + 1), double(k)) / (N + 1); };
  // v[k] = |k⟩₊|N−k⟩₋ in the basis |p, N−p⟩ of (a1, a2); built from sector N−1 with
  // b±† = (a1† ± a2†)/√2, which is exact within the sector (no cut inside it).
  std::vector<Eigen::VectorXd> prev(1, Eigen::VectorXd::Ones(1));
  double kept = 0;
  for (long N = 0; N <= Nmax; ++N) {
    std::vector<Eigen::VectorXd> cur(N + 1);
    if (N == 0)
      cur = prev;
    else {
      auto raise = [&](const Eigen::VectorXd& v, double sign) {  // (a1† + sign a2†)/√2 on sector N−1
        Eigen::VectorXd w = Eigen::VectorXd::Zero(N + 1);
        for (long p = 0; p < N; ++p) {
          w(p + 1) += std::sqrt(double(p + 1)) * v(p);     // a1†|p, N−1−p⟩
          w(p) += sign * std::sqrt(double(N - p)) * v(p);  // a2†|p, N−1−p⟩
        }
        return Eigen::VectorXd(w / std::sqrt(2.0));
      };
      for (long k = 0; k <= N; ++k)  // k quanta in b₊, N−k in b₋
        cur[k] = k > 0 ? Eigen::VectorXd(raise(prev[k - 1], +1) / std::sqrt(double(k)))
                       : Eigen::VectorXd(raise(prev[0], -1) / std::sqrt(double(N)));
    }
    Eigen::MatrixXd rho = Eigen::MatrixXd::Zero(N + 1, N + 1);
    for (long k = 0; k <= N; ++k) {
      const double w = geometric(np, k) * (nm == 0 ? (N - k == 0 ? 1.0 : 0.0) : geometric(nm, N - k));
      if (w != 0) rho += w * cur[k] * cur[k].transpose();
    }
    for (long p = 0; p <= N; ++p)
      if (p < n && N - p < n) kept += rho(p, p);
    s.sectors_.push_back(std::move(rho));
    prev = std::move(cur);
  }
  s.lost_ = 1 - kept;
  for (auto& r : s.sectors_) r /= kept;
  return s;
}

double FockState::weight_within(long M) const {
  double w = 0;
  for (long i0 = 0; i0 < n_; ++i0)
    for (long i1 = 0; i1 < n_ && i0 + i1 <= M; ++i1)
      w += kind_ == Kind::product   ? (r0_(i0, i0) * r1_(i1, i1)).real()
           : kind_ == Kind::sectors ? sectors_[i0 + i1](i0, i0)
                                    : diagonal_[i0 + i1](i0) / kept_;
  return w;
}

void FockState::fill(Vec rho, const Indexing& where, double scale) const {
  const long n = n_;
  const auto [r0, r1] = parallel::ownership(rho);
  const parallel::WriteArray x(rho);
  Eigen::VectorXd column;  // Kind::gaussian: the current column (layouts store column by column)
  long cached = -1;
  for (PetscInt r = r0; r < r1; ++r) {
    const auto [i, j] = where.entry(r);
    const long i0 = i / n, i1 = i % n, j0 = j / n, j1 = j % n;
    PetscScalar v = 0;
    if (kind_ == Kind::product)
      v = r0_(i0, j0) * r1_(i1, j1);
    else if (kind_ == Kind::sectors) {
      if (i0 + i1 == j0 + j1) v = sectors_[i0 + i1](i0, j0);
    } else {
      if (j != cached) gaussian_column(j, column), cached = j;
      v = column(i) / kept_;
    }
    x[r - r0] = scale * v;
  }
}

Moments fock_moments(MPI_Comm comm, Vec rho, const space::TensorSpace& s, const Indexing& where, long M) {
  const PetscInt n0 = s.local_dim(0), n1 = s.local_dim(1);
  const auto [r0, r1] = parallel::ownership(rho);
  // Accumulators: 0 trace, 1 n0, 2 n1, 3 a0, 4 a1, 5 a0a0, 6 a1a1, 7 a0a1, 8 a0†a1, 9 top0, 10 top1,
  // 11 the top total level, 12 and 13 the edges of the total level (Moments::edge), 14 ada_edge.
  PetscScalar acc[15] = {};
  {
    const parallel::ReadArray x(rho);
    // tr(Oρ) = Σ_ij O[j, i] ρ[i, j]: for each column j only the rows i = j + shift with O[j, i] ≠ 0.
    auto at = [&](PetscInt j, PetscInt k0, PetscInt k1, PetscInt di0, PetscInt di1) -> PetscScalar {
      const PetscInt i0 = k0 + di0, i1 = k1 + di1;
      if (i0 < 0 || i0 >= n0 || i1 < 0 || i1 >= n1) return 0;
      const PetscInt r = where.index(i0 * n1 + i1, j);
      return (r >= r0 && r < r1) ? x[r - r0] : PetscScalar(0);
    };
    const PetscInt jlo = r1 > r0 ? where.entry(r0).second : 0, jhi = r1 > r0 ? where.entry(r1 - 1).second : -1;
    for (PetscInt j = jlo; j <= jhi; ++j) {
      const PetscInt k0 = j / n1, k1 = j % n1;
      const PetscScalar diag = at(j, k0, k1, 0, 0);
      acc[0] += diag;
      acc[1] += double(k0) * diag;
      acc[2] += double(k1) * diag;
      acc[3] += std::sqrt(double(k0 + 1)) * at(j, k0, k1, 1, 0);  // a0[j, i], i = j + e0
      acc[4] += std::sqrt(double(k1 + 1)) * at(j, k0, k1, 0, 1);
      acc[5] += std::sqrt(double((k0 + 1) * (k0 + 2))) * at(j, k0, k1, 2, 0);
      acc[6] += std::sqrt(double((k1 + 1) * (k1 + 2))) * at(j, k0, k1, 0, 2);
      acc[7] += std::sqrt(double((k0 + 1) * (k1 + 1))) * at(j, k0, k1, 1, 1);
      const PetscScalar hop = std::sqrt(double(k0 * (k1 + 1))) * at(j, k0, k1, -1, 1);  // a0†a1[j, i], i = j − e0 + e1
      acc[8] += hop;
      if (k0 == n0 - 1) acc[9] += diag;
      if (k1 == n1 - 1) acc[10] += diag;
      if (k0 + k1 == M) {
        acc[11] += diag;
        if (k0 < n0 - 1) acc[12] += double(k0 + 1) * diag;
        if (k1 < n1 - 1) acc[13] += double(k1 + 1) * diag;
        acc[14] += hop;
      }
    }
  }
  PetscScalar tot[15];
  QTHERM_MPI(MPI_Allreduce(acc, tot, 15, MPIU_SCALAR, MPIU_SUM, comm));
  Moments m;
  m.trace = PetscRealPart(tot[0]);
  m.ada[0][0] = PetscRealPart(tot[1]);
  m.ada[1][1] = PetscRealPart(tot[2]);
  m.a[0] = tot[3];
  m.a[1] = tot[4];
  m.aa[0][0] = tot[5];
  m.aa[1][1] = tot[6];
  m.aa[0][1] = m.aa[1][0] = tot[7];
  m.ada[0][1] = tot[8];
  m.ada[1][0] = std::conj(tot[8]);
  m.top[0] = PetscRealPart(tot[9]);
  m.top[1] = PetscRealPart(tot[10]);
  m.top_total = PetscRealPart(tot[11]);
  m.edge[0] = PetscRealPart(tot[12]);
  m.edge[1] = PetscRealPart(tot[13]);
  m.ada_edge = tot[14];
  return m;
}

void quadrature_moments(const Moments& m, Eigen::MatrixXd& S, Eigen::VectorXd& mean) {
  // χ_k = u_k·a + ū_k·a†: X_p has u = 1/√2 on a_p, Y_p has u = −i/√2.
  const double r = 1 / std::sqrt(2.0);
  cplx u[4][2] = {{r, 0}, {cplx(0, -r), 0}, {0, r}, {0, cplx(0, -r)}};
  S = Eigen::MatrixXd::Zero(4, 4);
  mean = Eigen::VectorXd::Zero(4);
  for (int k = 0; k < 4; ++k) {
    cplx mu = 0;
    for (int p = 0; p < 2; ++p) mu += u[k][p] * m.a[p];
    mean(k) = 2 * mu.real();
    for (int l = 0; l < 4; ++l) {
      // ⟨χ_k χ_l⟩ = Σ u_p v_q ⟨a_p a_q⟩ + u_p v̄_q (⟨a_q† a_p⟩ + δ_pq) + ū_p v_q ⟨a_p† a_q⟩ + ū_p v̄_q ⟨a_p a_q⟩*
      cplx e = 0;
      for (int p = 0; p < 2; ++p)
        for (int q = 0; q < 2; ++q) {
          const cplx up = u[k][p], vq = u[l][q];
          e += up * vq * m.aa[p][q] + up * std::conj(vq) * (m.ada[q][p] + (p == q ? 1.0 : 0.0)) +
               std::conj(up) * vq * m.ada[p][q] + std::conj(up) * std::conj(vq) * std::conj(m.aa[p][q]);
        }
      S(k, l) = e.real();  // ½⟨{χ_k, χ_l}⟩ = Re⟨χ_k χ_l⟩ for Hermitian χ
    }
  }
}

}  // namespace qtherm::models::oscillators
