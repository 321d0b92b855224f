// base/ and parallel/: errors with context, return-code checks, and the ownership rules of the
// RAII handles (take vs share, move-only, reset).
#define BOOST_TEST_MODULE base_parallel
#include <boost/test/unit_test.hpp>

#include <type_traits>

#include "petsc_fixture.hpp"
#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/progress.hpp"
#include "qtherm/parallel/handle.hpp"
#include "qtherm/parallel/hdf5_handle.hpp"
#include "qtherm/parallel/vec_array.hpp"
#include "qtherm/parallel/vector_ops.hpp"

using namespace qtherm;

namespace {
PetscInt references(PetscObject o) {
  PetscInt n = 0;
  PetscObjectGetReference(o, &n);
  return n;
}
}  // namespace

BOOST_AUTO_TEST_CASE(input_error_message_names_file_section_key_and_reason) {
  const InputError e("run.ini", "model", "xi", "must be in [-1, 1], got 1.5");
  BOOST_TEST(std::string(e.what()) == "run.ini: [model] xi: must be in [-1, 1], got 1.5");
  BOOST_TEST(std::string(InputError("", "", "", "bad").what()) == "bad");
  BOOST_TEST(std::string(e.in_file("other.ini").what()) == "other.ini: [model] xi: must be in [-1, 1], got 1.5");
}

BOOST_AUTO_TEST_CASE(petsc_errors_become_exceptions_with_the_call) {
  parallel::Vector v;
  QTHERM_PETSC(VecCreate(PETSC_COMM_SELF, v.out()));
  try {
    QTHERM_PETSC(VecSetType(v, "no_such_type"));  // an unknown type is an error in every PETSc build
    BOOST_FAIL("no exception");
  } catch (const Error& e) {
    const std::string what = e.what();
    BOOST_TEST(what.find("VecSetType(v, \"no_such_type\")") != std::string::npos);
    BOOST_TEST(what.find("test_base_parallel.cpp") != std::string::npos);
  }
  BOOST_CHECK_THROW(QTHERM_MPI(MPI_Comm_rank(MPI_COMM_NULL, nullptr)), Error);
}

BOOST_AUTO_TEST_CASE(handles_take_or_share_and_are_move_only) {
  static_assert(!std::is_copy_constructible_v<parallel::Vector>);
  static_assert(std::is_nothrow_move_constructible_v<parallel::Vector>);
  static_assert(!std::is_copy_constructible_v<parallel::H5File>);
  parallel::Vector a = parallel::make_vector(PETSC_COMM_SELF, 4);
  Vec raw = a.get();
  BOOST_TEST(references(reinterpret_cast<PetscObject>(raw)) == 1);
  {
    parallel::Vector shared(raw, parallel::Ownership::share);
    BOOST_TEST(references(reinterpret_cast<PetscObject>(raw)) == 2);
  }
  BOOST_TEST(references(reinterpret_cast<PetscObject>(raw)) == 1);
  parallel::Vector b = std::move(a);
  BOOST_TEST(!a);
  BOOST_TEST(b.get() == raw);
  Vec taken = nullptr;
  QTHERM_PETSC(VecDuplicate(raw, &taken));
  parallel::Vector owner(taken, parallel::Ownership::take);
  BOOST_TEST(references(reinterpret_cast<PetscObject>(taken)) == 1);
  owner.reset();
  BOOST_TEST(!owner);
}

BOOST_AUTO_TEST_CASE(vec_arrays_restore_on_scope_exit_even_when_an_exception_leaves_it) {
  parallel::Vector v;
  QTHERM_PETSC(VecCreateSeq(PETSC_COMM_SELF, 4, v.out()));
  {
    const parallel::WriteArray w(v);
    BOOST_TEST(w.size() == 4);
    for (PetscInt i = 0; i < w.size(); ++i) w[i] = PetscScalar(i, -i);
  }
  {
    const parallel::ReadWriteArray rw(v);
    rw[3] += 10.0;
  }
  PetscScalar sum = 0;
  for (const PetscScalar& x : parallel::ReadArray(v)) sum += x;
  BOOST_TEST(std::abs(sum - PetscScalar(16, -6)) == 0.0);

  // Restore marks v changed (its cached norms are dropped): a write whose array was never restored
  // would leave VecNorm answering from the cache. Here an exception leaves the scope mid-write.
  PetscReal before = 0, after = 0;
  QTHERM_PETSC(VecNorm(v, NORM_INFINITY, &before));
  try {
    const parallel::ReadWriteArray rw(v);
    rw[0] = 100.0;
    throw std::runtime_error("thrown while the array is out");
  } catch (const std::runtime_error&) {
  }
  QTHERM_PETSC(VecNorm(v, NORM_INFINITY, &after));
  BOOST_TEST(before == std::abs(PetscScalar(13, -3)));
  BOOST_TEST(after == 100.0);
  {  // a read lock left behind would make this write fail in a debugging PETSc build
    try {
      const parallel::ReadArray r(v);
      if (r[0] == PetscScalar(100.0)) throw std::runtime_error("thrown while the array is out");
    } catch (const std::runtime_error&) {
    }
    BOOST_CHECK_NO_THROW(QTHERM_PETSC(VecSet(v, 2.0)));
  }

  // A moved-from guard restores nothing; the new owner restores once.
  {
    parallel::ReadArray a(v);
    const parallel::ReadArray b(std::move(a));
    BOOST_TEST(b[1] == PetscScalar(2.0));
  }
  BOOST_CHECK_NO_THROW(QTHERM_PETSC(VecSet(v, 1.0)));
  static_assert(!std::is_copy_constructible_v<parallel::ReadArray>);
  static_assert(std::is_same_v<decltype(parallel::ReadArray(v).data()), const PetscScalar*>);
}

BOOST_AUTO_TEST_CASE(vector_ops_follow_their_conventions) {
  // x = (1, i), y = (2, 3 - i), O = diag(1, 2) assembled.
  parallel::Vector x, y, w;
  QTHERM_PETSC(VecCreateSeq(PETSC_COMM_SELF, 2, x.out()));
  y = parallel::duplicate(x);
  w = parallel::duplicate(x);
  {
    const parallel::WriteArray a(x), b(y);
    a[0] = 1.0, a[1] = PetscScalar(0, 1);
    b[0] = 2.0, b[1] = PetscScalar(3, -1);
  }
  BOOST_TEST(std::abs(parallel::inner(x, y) - PetscScalar(1, -3)) < 1e-15);  // x† y = 2 + (−i)(3 − i)
  BOOST_TEST(std::abs(parallel::norm(x) - std::sqrt(2.0)) < 1e-15);
  parallel::Matrix O;
  QTHERM_PETSC(MatCreateSeqAIJ(PETSC_COMM_SELF, 2, 2, 1, nullptr, O.out()));
  QTHERM_PETSC(MatSetValue(O, 0, 0, 1.0, INSERT_VALUES));
  QTHERM_PETSC(MatSetValue(O, 1, 1, 2.0, INSERT_VALUES));
  QTHERM_PETSC(MatAssemblyBegin(O, MAT_FINAL_ASSEMBLY));
  QTHERM_PETSC(MatAssemblyEnd(O, MAT_FINAL_ASSEMBLY));
  BOOST_TEST(parallel::real_expectation(O, x, w) == 3.0);  // 1·1 + 2·|i|²
  BOOST_TEST(!parallel::is_shell(O));
  parallel::assign_sum(w, 2.0, x, y);  // w = 2x + y = (4, 3 + i)
  parallel::add_scaled(w, -1.0, y);    // w = 2x
  parallel::copy(w, y);
  BOOST_TEST(std::abs(parallel::inner(x, y) - PetscScalar(4.0)) < 1e-15);
  BOOST_TEST(parallel::global_size(x) == 2);
  const auto r = parallel::ownership(x);
  BOOST_TEST((r.lo == 0 && r.hi == 2));
  parallel::Vector in, out;
  parallel::make_vectors(O, in, out);
  BOOST_TEST(parallel::global_size(parallel::input_vector(O)) == 2);
  BOOST_TEST((parallel::global_size(in) == 2 && parallel::global_size(out) == 2));
}

BOOST_AUTO_TEST_CASE(durations_read_as_people_write_them) {
  BOOST_TEST(format_duration(12.34) == "12.3 s");
  BOOST_TEST(format_duration(245) == "4 min 05 s");
  BOOST_TEST(format_duration(3720) == "1 h 02 min");
}
