#pragma once
// The vector and operator operations the models use, each one PETSc call with its error check, so
// that models/ says what it computes and never handles PETSc error codes or output arguments.
// Collective on the objects' communicator unless said otherwise.
#include <petscmat.h>

#include "qtherm/parallel/handle.hpp"

namespace qtherm::parallel {

void apply(Mat A, Vec x, Vec y);                      // y = A x
PetscReal norm(Vec x);                                // ‖x‖₂
PetscScalar inner(Vec x, Vec y);                      // x† y
PetscReal real_expectation(Mat O, Vec x, Vec work);   // Re x† O x (not normalized); work: like x
void copy(Vec from, Vec to);                          // to = from
void add_scaled(Vec y, PetscScalar a, Vec x);         // y += a x
void assign_sum(Vec w, PetscScalar a, Vec x, Vec y);  // w = a x + y
PetscInt global_size(Vec x);                          // not collective
struct Range {
  PetscInt lo = 0, hi = 0;  // the owned entries [lo, hi)
};
Range ownership(Vec x);                                   // not collective
Vector input_vector(Mat A);                               // laid out as x in A x
void make_vectors(Mat A, Vector& input, Vector& output);  // as x and y in y = A x
bool is_shell(Mat A);                                     // not collective

}  // namespace qtherm::parallel
