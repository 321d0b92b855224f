#pragma once
// Move-only owners of PETSc/SLEPc objects. A handle either takes ownership of an object
// (Ownership::take, e.g. right after *Create) or shares it (Ownership::share: adds a reference
// that the handle releases). Destruction calls the object's Destroy, never anything else.
#include <petscksp.h>
#include <petscts.h>
#include <petscviewer.h>
#include <slepceps.h>
#include <slepcmfn.h>

#include <utility>

#include "qtherm/base/check.hpp"

namespace qtherm::parallel {

enum class Ownership { take, share };

template <class H, PetscErrorCode (*Destroy)(H*)>
class Handle {
 public:
  Handle() = default;
  Handle(H h, Ownership how) : h_(h) {
    if (h_ && how == Ownership::share) QTHERM_PETSC(PetscObjectReference(reinterpret_cast<PetscObject>(h_)));
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : h_(std::exchange(o.h_, nullptr)) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      h_ = std::exchange(o.h_, nullptr);
    }
    return *this;
  }
  ~Handle() { reset(); }

  H get() const { return h_; }
  operator H() const { return h_; }  // NOLINT: pass straight to PETSc calls
  explicit operator bool() const { return h_ != nullptr; }
  // For PETSc calls that create into an H*: drops what is held and hands out the slot.
  H* out() {
    reset();
    return &h_;
  }
  void reset() noexcept {
    if (h_) Destroy(&h_);  // a failing Destroy cannot be reported from a destructor
    h_ = nullptr;
  }

 private:
  H h_ = nullptr;
};

using Vector = Handle<Vec, VecDestroy>;
using Matrix = Handle<Mat, MatDestroy>;
using TimeStepper = Handle<TS, TSDestroy>;
using LinearSolver = Handle<KSP, KSPDestroy>;
using EigenSolver = Handle<EPS, EPSDestroy>;
using MatrixFunction = Handle<MFN, MFNDestroy>;
using Viewer = Handle<PetscViewer, PetscViewerDestroy>;
using IndexSet = Handle<IS, ISDestroy>;
using Scatter = Handle<VecScatter, VecScatterDestroy>;

// Collective on comm: a distributed vector of global size n, `local` entries here (PETSC_DECIDE: PETSc's split).
Vector make_vector(MPI_Comm comm, PetscInt n, PetscInt local = PETSC_DECIDE);
// Not collective: a new vector with the layout of `like`, zeroed.
Vector duplicate(Vec like);
MPI_Comm comm_of(PetscObject obj);
template <class H>
MPI_Comm comm_of(H h) {
  return comm_of(reinterpret_cast<PetscObject>(h));
}

}  // namespace qtherm::parallel
