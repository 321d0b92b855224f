#include "qtherm/operators/operator_sum.hpp"

#include <stdexcept>

namespace qtherm::operators {

SparseLocal::SparseLocal(Dense m) : dense(std::move(m)), rows(dense.rows()) {
  for (Eigen::Index i = 0; i < dense.rows(); ++i)
    for (Eigen::Index j = 0; j < dense.cols(); ++j)
      if (dense(i, j) != PetscScalar(0)) rows[i].emplace_back(j, dense(i, j));
}

OperatorSum& OperatorSum::add(ProductTerm term) {
  for (const auto& [party, m] : term.factors) {
    if (party < 0 || party >= space_.parties())
      throw std::invalid_argument("operator on party " + std::to_string(party) + ", but there are " +
                                  std::to_string(space_.parties()) + " parties");
    if (m.rows() != space_.local_dim(party) || m.cols() != space_.local_dim(party))
      throw std::invalid_argument("a " + std::to_string(m.rows()) + "x" + std::to_string(m.cols()) +
                                  " matrix on party " + std::to_string(party) + " of dimension " +
                                  std::to_string(space_.local_dim(party)));
  }
  terms_.push_back(std::move(term));
  compiled_valid_ = false;
  return *this;
}

OperatorSum& OperatorSum::add(const std::string& name, int party, PetscScalar coef) {
  if (party < 0 || party >= space_.parties())
    throw std::invalid_argument("operator '" + name + "' on party " + std::to_string(party) + ", but there are " +
                                std::to_string(space_.parties()) + " parties");
  ProductTerm t;
  t.coef = coef;
  t.factors[party] = local_operator(name, space_.local_dim(party));
  return add(std::move(t));
}

OperatorSum& OperatorSum::add(const OperatorSum& other, PetscScalar coef) {
  for (ProductTerm t : other.terms_) {
    t.coef *= coef;
    add(std::move(t));
  }
  return *this;
}

OperatorSum OperatorSum::adjoint() const {
  OperatorSum out(space_);
  for (const auto& t : terms_) {
    ProductTerm a;
    a.coef = std::conj(t.coef);
    for (const auto& [p, m] : t.factors) a.factors[p] = m.adjoint();
    out.add(std::move(a));
  }
  return out;
}

OperatorSum OperatorSum::transpose() const {
  OperatorSum out(space_);
  for (const auto& t : terms_) {
    ProductTerm a;
    a.coef = t.coef;
    for (const auto& [p, m] : t.factors) a.factors[p] = m.transpose();
    out.add(std::move(a));
  }
  return out;
}

OperatorSum OperatorSum::operator*(const OperatorSum& rhs) const {
  OperatorSum out(space_);
  for (const auto& l : terms_)
    for (const auto& r : rhs.terms_) {
      ProductTerm p;
      p.coef = l.coef * r.coef;
      p.factors = l.factors;
      for (const auto& [party, m] : r.factors) {
        auto it = p.factors.find(party);
        if (it == p.factors.end())
          p.factors[party] = m;
        else
          it->second = it->second * m;
      }
      out.add(std::move(p));
    }
  return out;
}

OperatorSum OperatorSum::scaled(PetscScalar c) const {
  OperatorSum out(space_);
  out.add(*this, c);
  return out;
}

OperatorSum OperatorSum::identity(const space::TensorSpace& space) {
  OperatorSum out(space);
  out.add(ProductTerm{});
  return out;
}

bool OperatorSum::is_identity() const {
  if (terms_.size() != 1 || terms_[0].coef != PetscScalar(1)) return false;
  for (const auto& [party, m] : terms_[0].factors)
    if (!m.isIdentity(0.0)) return false;
  return true;
}

const std::vector<OperatorSum::CompiledTerm>& OperatorSum::compiled() const {
  if (!compiled_valid_) {
    compiled_.clear();
    for (const auto& t : terms_) {
      CompiledTerm c{t.coef, {}};
      for (const auto& [p, m] : t.factors) c.factors.emplace_back(p, SparseLocal(m));
      compiled_.push_back(std::move(c));
    }
    compiled_valid_ = true;
  }
  return compiled_;
}

void OperatorSum::append_row(PetscInt i, Row& out, PetscScalar factor) const {
  Row partial, next;
  for (const auto& term : compiled()) {
    partial.assign(1, {i, factor * term.coef});
    for (const auto& [party, local] : term.factors) {
      next.clear();
      const auto& row = local.rows[space_.digit(i, party)];
      for (const auto& [col, val] : partial)
        for (const auto& [c, v] : row) next.emplace_back(space_.with_digit(col, party, c), val * v);
      partial.swap(next);
    }
    out.insert(out.end(), partial.begin(), partial.end());
  }
}

Dense OperatorSum::dense() const {
  Dense m = Dense::Zero(space_.dim(), space_.dim());
  Row row;
  for (PetscInt i = 0; i < space_.dim(); ++i) {
    row.clear();
    append_row(i, row);
    for (const auto& [j, v] : row) m(i, j) += v;
  }
  return m;
}

OperatorSum local(const space::TensorSpace& space, const std::string& name, int party, PetscScalar coef) {
  OperatorSum o(space);
  o.add(name, party, coef);
  return o;
}

}  // namespace qtherm::operators
