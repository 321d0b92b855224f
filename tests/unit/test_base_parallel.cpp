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

BOOST_AUTO_TEST_CASE(durations_read_as_people_write_them) {
  BOOST_TEST(format_duration(12.34) == "12.3 s");
  BOOST_TEST(format_duration(245) == "4 min 05 s");
  BOOST_TEST(format_duration(3720) == "1 h 02 min");
}
