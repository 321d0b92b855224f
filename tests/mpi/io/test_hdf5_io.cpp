// OutputFile (collective, MPI-IO) against InputFile (serial, rank 0): exact round trip of a run
// record and root attributes, and the crash-safety contract of design.md "Output": nothing under
// the final name until commit, no .partial after commit or after an abandoned write, an existing
// file refused without overwrite and left intact until a replacing write commits.
#define BOOST_TEST_MODULE hdf5_io
#include <boost/test/unit_test.hpp>

#include "petsc_fixture.hpp"

#include <mpi.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>
#include <string>
#include <vector>

#include "qtherm/base/error.hpp"
#include "qtherm/io/hdf5_reader.hpp"
#include "qtherm/io/hdf5_writer.hpp"

namespace fs = std::filesystem;
using qtherm::io::AttrValue;
using qtherm::io::ComplexArray;
using qtherm::io::InputFile;
using qtherm::io::OutputFile;
using qtherm::io::RunRecord;

namespace {

int rank() {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}
int size() {
  int s = 0;
  MPI_Comm_size(MPI_COMM_WORLD, &s);
  return s;
}
void barrier() { MPI_Barrier(MPI_COMM_WORLD); }

// Collective: a fresh directory per test case, named after rank 0's PID so that concurrent test
// runs (np1/np2/np3 in parallel under ctest -j) never share files. Removed afterwards.
struct Scratch {
  Scratch() {
    long pid = rank() == 0 ? static_cast<long>(getpid()) : 0;
    MPI_Bcast(&pid, 1, MPI_LONG, 0, MPI_COMM_WORLD);
    dir = fs::path("/tmp") / ("qtherm_hdf5_io_" + std::to_string(pid));
    if (rank() == 0) {
      fs::remove_all(dir);
      fs::create_directories(dir);
    }
    barrier();
  }
  ~Scratch() {
    barrier();
    std::error_code ec;
    if (rank() == 0) fs::remove_all(dir, ec);
  }
  std::string file(const std::string& name) const { return (dir / name).string(); }
  fs::path dir;
};

// Bit-exact equality: tells -0.0 from 0.0 and compares NaN payloads.
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

RunRecord full_record() {
  RunRecord r;
  r.parameters = {{"gamma", 0.25},
                  {"n_sites", 7L},
                  {"big", -(1L << 62)},
                  {"bath", std::string("ohmic, λ = 0.1")},
                  {"tiny", 4.9e-324}};
  r.t = {0.0, 0.1, 0.2, 0.30000000000000004, 1e10};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  r.observables = {
      {{"heat_current", "omega*gamma", "> 0: energy flows into the reservoir", "Heat current into the reservoir."},
       {1.0, -2.5, 1e-310, -0.0, std::numeric_limits<double>::max()}},
      {{"entropy_production", "1", "", ""}, {0.0, nan, inf, -inf, 3.0}},
  };
  r.scalars = {{{"t_release", "1/gamma", "", "Release time of the first excitation."}, 3.5},
               {{"T_eff", "omega", ">= 0", "Effective temperature."}, -0.0}};
  ComplexArray rho{"rho", {2, 2, 2}, {}};
  for (int i = 0; i < 8; ++i) rho.data.emplace_back(0.5 * i, -1.0 / (i + 1));
  r.states = {rho, ComplexArray{"psi0", {3}, {{1, 0}, {0, 1}, {-0.5, 0.25}}}, ComplexArray{"phase", {}, {{0.6, 0.8}}}};
  return r;
}

template <class T>
std::vector<T> sorted_by_name(std::vector<T> v) {
  std::sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.what.name < b.what.name; });
  return v;
}

// Not collective: what came back from the file equals what went in, bit for bit.
void check_equal(const RunRecord& want, const RunRecord& got) {
  auto params = want.parameters;
  std::sort(params.begin(), params.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  BOOST_TEST_REQUIRE(got.parameters.size() == params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    BOOST_TEST(got.parameters[i].first == params[i].first);
    BOOST_TEST(got.parameters[i].second.index() == params[i].second.index());
    if (auto* d = std::get_if<double>(&params[i].second))
      BOOST_TEST(same_bits({*d}, {std::get<double>(got.parameters[i].second)}));
    else
      BOOST_TEST((got.parameters[i].second == params[i].second));
  }
  BOOST_TEST(same_bits(got.t, want.t));

  const auto obs = sorted_by_name(want.observables);
  BOOST_TEST_REQUIRE(got.observables.size() == obs.size());
  for (std::size_t i = 0; i < obs.size(); ++i) {
    BOOST_TEST(got.observables[i].what.name == obs[i].what.name);
    BOOST_TEST(got.observables[i].what.unit == obs[i].what.unit);
    BOOST_TEST(got.observables[i].what.sign == obs[i].what.sign);
    BOOST_TEST(got.observables[i].what.meaning == obs[i].what.meaning);
    BOOST_TEST(same_bits(got.observables[i].values, obs[i].values));
  }

  const auto sc = sorted_by_name(want.scalars);
  BOOST_TEST_REQUIRE(got.scalars.size() == sc.size());
  for (std::size_t i = 0; i < sc.size(); ++i) {
    BOOST_TEST(got.scalars[i].what.name == sc[i].what.name);
    BOOST_TEST(got.scalars[i].what.unit == sc[i].what.unit);
    BOOST_TEST(got.scalars[i].what.sign == sc[i].what.sign);
    BOOST_TEST(got.scalars[i].what.meaning == sc[i].what.meaning);
    BOOST_TEST(same_bits({got.scalars[i].value}, {sc[i].value}));
  }

  auto st = want.states;
  std::sort(st.begin(), st.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  BOOST_TEST_REQUIRE(got.states.size() == st.size());
  for (std::size_t i = 0; i < st.size(); ++i) {
    BOOST_TEST(got.states[i].name == st[i].name);
    BOOST_TEST(got.states[i].shape == st[i].shape);
    BOOST_TEST((got.states[i].data == st[i].data));
  }
}

void write_text(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(round_trip_is_exact, Scratch) {
  const std::string path = file("out.h5");
  const std::string config = "[model]\nname = collision\n\n[output]\nfile = out.h5\n";
  const RunRecord full = full_record();
  RunRecord empty;  // nt = 0, nothing else: still /t, observables/ and scalars/, no states/
  {
    OutputFile out(MPI_COMM_WORLD, path, false);
    out.set_attribute("model", std::string("placeholder"));
    out.set_attribute("model", std::string("collision"));  // set again: replaced
    out.set_attribute("config", config);
    out.set_attribute("mpi_ranks", static_cast<long>(size()));
    out.set_attribute("scale", 2.5);
    out.set_attribute("created_utc", OutputFile::utc_now_iso8601());
    out.write_run(0, full);
    out.write_run(1, empty);
    BOOST_CHECK_THROW(out.write_run(1, empty), qtherm::Error);  // a run is written once
    barrier();
    if (rank() == 0) {
      BOOST_TEST(fs::exists(out.partial_path()));
      BOOST_TEST(!fs::exists(path));  // nothing under the final name before commit
    }
    out.commit();
    BOOST_CHECK_THROW(out.write_run(2, empty), qtherm::Error);  // inert after commit
    BOOST_CHECK_THROW(out.commit(), qtherm::Error);
  }
  if (rank() != 0) return;
  BOOST_TEST(fs::exists(path));
  BOOST_TEST(!fs::exists(path + ".partial"));

  InputFile in(path);
  BOOST_TEST(in.string_attribute("/", "model") == "collision");
  BOOST_TEST(in.string_attribute("/", "config") == config);
  BOOST_TEST(in.integer_attribute("/", "mpi_ranks") == size());
  BOOST_TEST(in.real_attribute("/", "scale") == 2.5);
  BOOST_TEST(in.members("/") == (std::vector<std::string>{"runs"}));
  BOOST_TEST(in.members("/runs") == (std::vector<std::string>{"0", "1"}));
  BOOST_TEST(in.members("/runs/0") == (std::vector<std::string>{"observables", "scalars", "states", "t"}));
  BOOST_TEST(in.members("/runs/1") == (std::vector<std::string>{"observables", "scalars", "t"}));
  BOOST_TEST(in.shape("/runs/0/t") == (std::vector<unsigned long long>{5}));
  BOOST_TEST(in.shape("/runs/0/scalars/t_release").empty());
  BOOST_TEST(in.shape("/runs/0/states/rho") == (std::vector<unsigned long long>{2, 2, 2, 2}));
  BOOST_TEST(in.shape("/runs/0/states/phase") == (std::vector<unsigned long long>{2}));
  BOOST_TEST(in.shape("/runs/1/t") == (std::vector<unsigned long long>{0}));
  BOOST_TEST(in.string_attribute("/runs/0/observables/heat_current", "sign") == "> 0: energy flows into the reservoir");
  BOOST_TEST(in.integer_attribute("/runs/0", "n_sites") == 7);
  BOOST_TEST(in.exists("/runs/0/observables/heat_current"));
  BOOST_TEST(in.exists("/"));
  BOOST_TEST(!in.exists("/runs/1/states"));
  BOOST_TEST(!in.exists("/no/such/path"));
  check_equal(full, in.read_run(0));
  check_equal(empty, in.read_run(1));

  BOOST_CHECK_THROW(in.read_run(2), qtherm::InputError);
  BOOST_CHECK_THROW(in.string_attribute("/", "no_such"), qtherm::InputError);
  BOOST_CHECK_THROW(in.real_attribute("/", "model"), qtherm::InputError);     // a string
  BOOST_CHECK_THROW(in.integer_attribute("/", "scale"), qtherm::InputError);  // a real
  BOOST_CHECK_THROW(in.read_reals("/runs"), qtherm::InputError);              // a group
  BOOST_CHECK_THROW(in.members("/runs/0/t"), qtherm::InputError);             // a dataset
}

BOOST_FIXTURE_TEST_CASE(existing_file_refused_without_overwrite, Scratch) {
  const std::string path = file("exists.h5");
  if (rank() == 0) write_text(path, "an older result\n");
  barrier();
  try {
    OutputFile out(MPI_COMM_WORLD, path, false);
    BOOST_ERROR("an existing file was not refused");
  } catch (const qtherm::InputError& e) {  // on every rank, with the same words
    BOOST_TEST(e.section() == "output");
    BOOST_TEST(e.key() == "file");
    BOOST_TEST(std::string(e.what()) ==
               "[output] file: '" + path + "' exists; choose another --output.file or set --output.overwrite=true");
  }
  barrier();
  if (rank() == 0) {
    BOOST_TEST(read_text(path) == "an older result\n");
    BOOST_TEST(!fs::exists(path + ".partial"));
  }

  {
    OutputFile out(MPI_COMM_WORLD, path, true);
    out.set_attribute("model", std::string("replacement"));
    out.write_run(0, full_record());
    barrier();
    if (rank() == 0) BOOST_TEST(read_text(path) == "an older result\n");  // untouched until commit
    out.commit();
  }
  if (rank() == 0) {
    BOOST_TEST(!fs::exists(path + ".partial"));
    InputFile in(path);
    BOOST_TEST(in.string_attribute("/", "model") == "replacement");
    check_equal(full_record(), in.read_run(0));
  }
}

BOOST_FIXTURE_TEST_CASE(abandoned_file_leaves_nothing, Scratch) {
  const std::string path = file("abandoned.h5");
  {
    OutputFile out(MPI_COMM_WORLD, path, false);
    out.set_attribute("model", std::string("collision"));
    out.write_run(0, full_record());
  }  // destroyed without commit
  if (rank() == 0) {
    BOOST_TEST(!fs::exists(path));
    BOOST_TEST(!fs::exists(path + ".partial"));
  }

  // An exception unwinding the writer: same result.
  RunRecord bad = full_record();
  bad.t.pop_back();
  BOOST_CHECK_THROW(
      {
        OutputFile out(MPI_COMM_WORLD, path, false);
        out.write_run(0, full_record());
        out.write_run(1, bad);
        out.commit();
      },
      qtherm::Error);
  if (rank() == 0) {
    BOOST_TEST(!fs::exists(path));
    BOOST_TEST(!fs::exists(path + ".partial"));
  }

  // Abandoning a replacement keeps the old file whole.
  if (rank() == 0) write_text(path, "the previous result\n");
  barrier();
  {
    OutputFile out(MPI_COMM_WORLD, path, true);
    out.write_run(0, full_record());
  }
  if (rank() == 0) {
    BOOST_TEST(read_text(path) == "the previous result\n");
    BOOST_TEST(!fs::exists(path + ".partial"));
  }
}

BOOST_FIXTURE_TEST_CASE(invalid_records_are_refused_before_writing, Scratch) {
  const std::string path = file("invalid.h5");
  OutputFile out(MPI_COMM_WORLD, path, false);

  RunRecord short_obs = full_record();
  short_obs.observables[1].values.pop_back();
  BOOST_CHECK_THROW(out.write_run(0, short_obs), qtherm::Error);

  RunRecord long_obs = full_record();
  long_obs.observables[0].values.push_back(1.0);
  BOOST_CHECK_THROW(out.write_run(0, long_obs), qtherm::Error);

  RunRecord bad_state = full_record();
  bad_state.states[0].shape = {2, 3};
  BOOST_CHECK_THROW(out.write_run(0, bad_state), qtherm::Error);

  RunRecord twice = full_record();
  twice.scalars.push_back(twice.scalars.front());
  BOOST_CHECK_THROW(out.write_run(0, twice), qtherm::Error);

  RunRecord slash = full_record();
  slash.observables[0].what.name = "a/b";
  BOOST_CHECK_THROW(out.write_run(0, slash), qtherm::Error);

  BOOST_CHECK_THROW(out.write_run(-1, full_record()), qtherm::Error);

  // Refused records touched nothing: run 0 can still be written and committed.
  out.write_run(0, full_record());
  out.commit();
  if (rank() == 0) {
    InputFile in(path);
    BOOST_TEST(in.members("/runs") == (std::vector<std::string>{"0"}));
    check_equal(full_record(), in.read_run(0));
  }
}

BOOST_FIXTURE_TEST_CASE(missing_directory_is_an_input_error, Scratch) {
  BOOST_CHECK_THROW(OutputFile(MPI_COMM_WORLD, file("no/such/dir/out.h5"), false), qtherm::InputError);
}

BOOST_FIXTURE_TEST_CASE(input_file_refuses_missing_and_foreign_files, Scratch) {
  if (rank() != 0) return;  // serial by design
  try {
    InputFile in(file("missing.h5"));
    BOOST_ERROR("a missing file was opened");
  } catch (const qtherm::InputError& e) {
    BOOST_TEST(std::string(e.what()) == file("missing.h5") + ": cannot open HDF5 file");
  }
  write_text(file("text.h5"), "not HDF5\n");
  BOOST_CHECK_THROW(InputFile(file("text.h5")), qtherm::InputError);
}

BOOST_AUTO_TEST_CASE(utc_now_is_iso8601) {
  const std::string now = OutputFile::utc_now_iso8601();
  BOOST_TEST(std::regex_match(now, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")), now);
}
