#pragma once
// Scoped access to the owned entries of a Vec: Get in the constructor, Restore in the destructor,
// so an exception thrown while the array is out cannot leave the Vec locked (PETSc then refuses
// every later operation on it). Move-only. For code that may throw; PETSc callbacks (MatShell
// products) return error codes instead and keep their explicit PetscCall pairs.
#include <petscvec.h>

#include <type_traits>
#include <utility>

#include "qtherm/base/check.hpp"

namespace qtherm::parallel {

enum class Access { read, write, read_write };

template <Access A>
class VecArray {
 public:
  using Pointer = std::conditional_t<A == Access::read, const PetscScalar*, PetscScalar*>;

  explicit VecArray(Vec v) : v_(v) {
    QTHERM_PETSC(VecGetLocalSize(v_, &n_));  // first: nothing is out if it throws
    if constexpr (A == Access::read) QTHERM_PETSC(VecGetArrayRead(v_, &a_));
    if constexpr (A == Access::write) QTHERM_PETSC(VecGetArrayWrite(v_, &a_));
    if constexpr (A == Access::read_write) QTHERM_PETSC(VecGetArray(v_, &a_));
  }
  VecArray(const VecArray&) = delete;
  VecArray& operator=(const VecArray&) = delete;
  VecArray(VecArray&& o) noexcept
      : v_(std::exchange(o.v_, nullptr)), a_(std::exchange(o.a_, nullptr)), n_(std::exchange(o.n_, 0)) {}
  VecArray& operator=(VecArray&&) = delete;
  ~VecArray() { restore(); }

  Pointer data() const { return a_; }
  PetscInt size() const { return n_; }  // the owned entries
  auto& operator[](PetscInt i) const { return a_[i]; }
  Pointer begin() const { return a_; }
  Pointer end() const { return a_ + n_; }

 private:
  void restore() noexcept {  // a failing Restore cannot be reported from a destructor
    if (!v_) return;
    if constexpr (A == Access::read) VecRestoreArrayRead(v_, &a_);
    if constexpr (A == Access::write) VecRestoreArrayWrite(v_, &a_);
    if constexpr (A == Access::read_write) VecRestoreArray(v_, &a_);
    v_ = nullptr;
  }

  Vec v_ = nullptr;
  Pointer a_ = nullptr;
  PetscInt n_ = 0;
};

using ReadArray = VecArray<Access::read>;             // VecGetArrayRead
using WriteArray = VecArray<Access::write>;           // VecGetArrayWrite: entries undefined until written
using ReadWriteArray = VecArray<Access::read_write>;  // VecGetArray

}  // namespace qtherm::parallel
