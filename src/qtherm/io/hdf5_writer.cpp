#include "qtherm/io/hdf5_writer.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <set>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/io_error.hpp"
#include "qtherm/parallel/hdf5_errors.hpp"
#include "qtherm/parallel/vec_array.hpp"

namespace qtherm::io {
namespace {

using parallel::H5Attribute;
using parallel::H5Dataset;
using parallel::H5Group;
using parallel::H5Plist;
using parallel::H5Space;
using parallel::H5Type;

// Variable-length UTF-8: h5py reads it as str, and a long text (the resolved configuration) lives
// in the global heap instead of hitting the 64 KiB limit of an object header.
H5Type utf8_string_type() {
  H5Type t(QTHERM_H5(H5Tcopy(H5T_C_S1)));
  QTHERM_H5(H5Tset_size(t, H5T_VARIABLE));
  QTHERM_H5(H5Tset_cset(t, H5T_CSET_UTF8));
  return t;
}

// Collective (metadata): every rank passes the same value; HDF5 writes it once.
void write_attribute(hid_t loc, const std::string& name, const AttrValue& value) {
  if (QTHERM_H5(H5Aexists(loc, name.c_str())) > 0) QTHERM_H5(H5Adelete(loc, name.c_str()));
  H5Space scalar(QTHERM_H5(H5Screate(H5S_SCALAR)));
  std::visit(
      [&](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, double>) {
          H5Attribute a(QTHERM_H5(H5Acreate2(loc, name.c_str(), H5T_IEEE_F64LE, scalar, H5P_DEFAULT, H5P_DEFAULT)));
          QTHERM_H5(H5Awrite(a, H5T_NATIVE_DOUBLE, &v));
        } else if constexpr (std::is_same_v<V, long>) {
          const std::int64_t x = v;  // int64 in the file whatever `long` is on this platform
          H5Attribute a(QTHERM_H5(H5Acreate2(loc, name.c_str(), H5T_STD_I64LE, scalar, H5P_DEFAULT, H5P_DEFAULT)));
          QTHERM_H5(H5Awrite(a, H5T_NATIVE_INT64, &x));
        } else {
          H5Type t = utf8_string_type();
          H5Attribute a(QTHERM_H5(H5Acreate2(loc, name.c_str(), t, scalar, H5P_DEFAULT, H5P_DEFAULT)));
          const char* p = v.c_str();
          QTHERM_H5(H5Awrite(a, t, &p));
        }
      },
      value);
}

void write_quantity_attributes(hid_t loc, const Quantity& q) {
  write_attribute(loc, "unit", q.unit);
  write_attribute(loc, "sign", q.sign);
  write_attribute(loc, "meaning", q.meaning);
}

H5Space make_space(const std::vector<hsize_t>& dims) {
  if (dims.empty()) return H5Space(QTHERM_H5(H5Screate(H5S_SCALAR)));
  return H5Space(QTHERM_H5(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr)));
}

H5Group make_group(hid_t loc, const char* name) {
  return H5Group(QTHERM_H5(H5Gcreate2(loc, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT)));
}

// Link-creation properties that create missing intermediate groups ("/a/b/c").
H5Plist intermediate_groups() {
  H5Plist lcpl(QTHERM_H5(H5Pcreate(H5P_LINK_CREATE)));
  QTHERM_H5(H5Pset_create_intermediate_group(lcpl, 1));
  return lcpl;
}

// Collective: creates a float64 dataset (dims empty: a scalar) and writes `data`, which is the
// same on every rank. Rank 0 writes everything and the others select nothing, so the collective
// MPI-IO write moves each byte once.
H5Dataset write_reals(hid_t loc, const std::string& name, const std::vector<hsize_t>& dims, const double* data,
                      hid_t dxpl, bool writer) {
  H5Space file_space = make_space(dims);
  H5Dataset ds(QTHERM_H5(
      H5Dcreate2(loc, name.c_str(), H5T_IEEE_F64LE, file_space, intermediate_groups(), H5P_DEFAULT, H5P_DEFAULT)));
  hsize_t n = 1;
  for (hsize_t d : dims) n *= d;
  if (n == 0) return ds;  // nothing to move; the decision is the same on every rank
  H5Space mem_space = make_space(dims);
  if (!writer) {
    QTHERM_H5(H5Sselect_none(file_space));
    QTHERM_H5(H5Sselect_none(mem_space));
  }
  QTHERM_H5(H5Dwrite(ds, H5T_NATIVE_DOUBLE, mem_space, file_space, dxpl, data));
  return ds;
}

// A link name: HDF5 would read '/' as a path and "." as the group itself.
void check_name(const std::string& kind, const std::string& name, std::set<std::string>& seen) {
  if (name.empty() || name == "." || name.find('/') != std::string::npos)
    throw Error("HDF5 output: invalid " + kind + " name '" + name + "'");
  if (!seen.insert(name).second) throw Error("HDF5 output: " + kind + " '" + name + "' appears twice in one run");
}

// Not collective; the record is the same on every rank, so every rank throws the same.
void validate(long k, const RunRecord& rec) {
  const std::string where = "HDF5 output: run " + std::to_string(k) + ": ";
  if (k < 0) throw Error(where + "negative run index");
  std::set<std::string> seen;
  for (const auto& [name, value] : rec.parameters)
    if (name.empty() || !seen.insert(name).second)
      throw Error(where + "parameter name '" + name + "' is empty or appears twice");
  seen.clear();
  for (const auto& s : rec.observables) {
    check_name("observable", s.what.name, seen);
    if (s.values.size() != rec.t.size())
      throw Error(where + "observable '" + s.what.name + "' has " + std::to_string(s.values.size()) +
                  " values but t has " + std::to_string(rec.t.size()));
  }
  seen.clear();
  for (const auto& s : rec.scalars) check_name("scalar", s.what.name, seen);
  seen.clear();
  for (const auto& a : rec.states) {
    check_name("state", a.name, seen);
    unsigned long long n = 1;
    for (auto d : a.shape) n *= d;
    if (n != a.data.size())
      throw Error(where + "state '" + a.name + "' has " + std::to_string(a.data.size()) +
                  " entries but its shape holds " + std::to_string(n));
  }
}

std::vector<hsize_t> dims_of(std::size_t n) { return {static_cast<hsize_t>(n)}; }

// A failed HDF5 write as one line naming the file and the system's reason (ENOSPC, EDQUOT, EACCES).
IoError io_failure(const std::string& path, const Error& e) {
  const std::string reason = parallel::take_hdf5_failure();
  return IoError("cannot write '" + path + "': " + (reason.empty() ? std::string(e.what()) : reason));
}

}  // namespace

OutputFile::OutputFile(MPI_Comm comm, std::string path, bool overwrite) : comm_(comm), path_(std::move(path)) {
  QTHERM_MPI(MPI_Comm_rank(comm_, &rank_));
  // One rank looks, everyone follows: ranks on different nodes could see different file-system
  // caches, and a split decision would leave some ranks waiting in H5Fcreate.
  int exists = 0;
  if (rank_ == 0) {
    std::error_code ec;
    exists = std::filesystem::exists(path_, ec) ? 1 : 0;
  }
  QTHERM_MPI(MPI_Bcast(&exists, 1, MPI_INT, 0, comm_));
  if (exists && !overwrite)
    throw InputError("", "output", "file",
                     "'" + path_ + "' exists; choose another --output.file or set --output.overwrite=true");

  const std::string partial = partial_path();
  H5Plist fapl(QTHERM_H5(H5Pcreate(H5P_FILE_ACCESS)));
  int size = 1;
  QTHERM_MPI(MPI_Comm_size(comm_, &size));
  // One writer: plain POSIX I/O, whose failures carry errno (ENOSPC, EDQUOT) and end cleanly; MPI-IO
  // only where ranks share the file.
  mpio_ = size > 1;
  if (mpio_) QTHERM_H5(H5Pset_fapl_mpio(fapl, comm_, MPI_INFO_NULL));
  hid_t id = H5I_INVALID_HID;
  // A missing or read-only directory is a user error: one clear line, not an HDF5 error stack.
  errno = 0;
  H5E_BEGIN_TRY { id = H5Fcreate(partial.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl); }
  H5E_END_TRY;
  if (id < 0) {
    const int err = errno;
    throw InputError(
        "", "output", "file",
        "cannot create '" + partial + "'" +
            (err ? std::string(": ") + std::strerror(err) : " (does the directory exist and is it writable?)"));
  }
  parallel::take_hdf5_failure();  // a fresh start for this file's failures
  file_ = parallel::H5File(id);
  try {
    make_group(file_, "/runs");
  } catch (...) {
    abandon();  // the destructor does not run for a half-built object
    throw;
  }
}

OutputFile::~OutputFile() {
  if (!committed_) abandon();
}

void OutputFile::abandon() noexcept {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (finalized) return;  // nothing collective is possible any more
  file_.reset();
  if (rank_ == 0) std::remove(partial_path().c_str());  // may be gone already; nothing to report
  MPI_Barrier(comm_);                                   // when any rank returns, the .partial is gone
  committed_ = true;  // inert: a second abandon() (destructor after a failed commit) is a no-op
}

void OutputFile::require_open(const char* what) const {
  if (committed_ || file_.get() < 0)
    throw Error("HDF5 output '" + path_ + "': " + what + " after the file was committed or closed");
}

void OutputFile::set_attribute(const std::string& name, const AttrValue& value) {
  require_open("set_attribute");
  if (name.empty()) throw Error("HDF5 output: empty attribute name");
  H5Group root(QTHERM_H5(H5Gopen2(file_, "/", H5P_DEFAULT)));
  write_attribute(root, name, value);
}

void OutputFile::write_run(long k, const RunRecord& rec) {
  try {
    write_run_unguarded(k, rec);
  } catch (const IoError&) {
    throw;
  } catch (const Error& e) {
    throw io_failure(path_, e);
  }
}

void OutputFile::write_run_unguarded(long k, const RunRecord& rec) {
  require_open("write_run");
  validate(k, rec);
  const std::string name = "/runs/" + std::to_string(k);
  if (QTHERM_H5(H5Lexists(file_, name.c_str(), H5P_DEFAULT)) > 0)
    throw Error("HDF5 output: run " + std::to_string(k) + " written twice");

  H5Plist dxpl(QTHERM_H5(H5Pcreate(H5P_DATASET_XFER)));
  if (mpio_) QTHERM_H5(H5Pset_dxpl_mpio(dxpl, H5FD_MPIO_COLLECTIVE));
  const bool writer = rank_ == 0;

  H5Group run(QTHERM_H5(H5Gcreate2(file_, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT)));
  for (const auto& [pname, value] : rec.parameters) write_attribute(run, pname, value);
  write_reals(run, "t", dims_of(rec.t.size()), rec.t.data(), dxpl, writer);

  H5Group observables = make_group(run, "observables");
  for (const auto& s : rec.observables) {
    H5Dataset ds = write_reals(observables, s.what.name, dims_of(s.values.size()), s.values.data(), dxpl, writer);
    write_quantity_attributes(ds, s.what);
  }

  H5Group scalars = make_group(run, "scalars");
  for (const auto& s : rec.scalars) {
    H5Dataset ds = write_reals(scalars, s.what.name, {}, &s.value, dxpl, writer);
    write_quantity_attributes(ds, s.what);
  }

  if (rec.states.empty()) return;  // states/ only where the configuration asks for states
  H5Group states = make_group(run, "states");
  for (const auto& a : rec.states) {
    std::vector<hsize_t> dims(a.shape.begin(), a.shape.end());
    dims.push_back(2);  // (real, imag): std::complex<double> is laid out as double[2]
    write_reals(states, a.name, dims, reinterpret_cast<const double*>(a.data.data()), dxpl, writer);
  }
}

void OutputFile::commit() {
  require_open("commit");
  try {
    QTHERM_H5(H5Fflush(file_, H5F_SCOPE_GLOBAL));
  } catch (const Error& e) {
    throw io_failure(path_, e);
  }
  parallel::take_hdf5_failure();
  file_.reset();                                              // collective close: all data is on disk before the rename
  const std::string closing = parallel::take_hdf5_failure();  // the close flushes metadata: it may fail too
  if (!closing.empty()) throw IoError("cannot write '" + path_ + "': " + closing);
  int err = 0;
  if (rank_ == 0 && std::rename(partial_path().c_str(), path_.c_str()) != 0) err = errno;
  // The broadcast doubles as the barrier: no rank returns before rank 0 has renamed.
  QTHERM_MPI(MPI_Bcast(&err, 1, MPI_INT, 0, comm_));
  if (err != 0) throw Error("cannot rename '" + partial_path() + "' to '" + path_ + "': " + std::strerror(err));
  committed_ = true;
}

std::string OutputFile::utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace qtherm::io

namespace qtherm::io {

void OutputFile::write_array(const std::string& path, const std::vector<unsigned long long>& shape,
                             const std::vector<double>& data) {
  require_open("write_array");
  try {
    write_array_unguarded(path, shape, data);
  } catch (const Error& e) {
    throw io_failure(path_, e);
  }
}

void OutputFile::write_array_unguarded(const std::string& path, const std::vector<unsigned long long>& shape,
                                       const std::vector<double>& data) {
  const std::vector<hsize_t> dims(shape.begin(), shape.end());
  hsize_t n = 1;
  for (hsize_t d : dims) n *= d;
  if (n != data.size())
    throw Error("HDF5 output: '" + path + "' has " + std::to_string(data.size()) + " values for its shape");
  H5Plist dxpl(QTHERM_H5(H5Pcreate(H5P_DATASET_XFER)));
  if (mpio_) QTHERM_H5(H5Pset_dxpl_mpio(dxpl, H5FD_MPIO_COLLECTIVE));
  write_reals(file_, path, dims, data.data(), dxpl, rank_ == 0);
}

void OutputFile::write_table(const std::string& path, const std::vector<std::vector<double>>& rows) {
  const unsigned long long columns = rows.empty() ? 0 : rows.front().size();
  std::vector<double> flat;
  for (const auto& r : rows) {
    if (r.size() != columns) throw Error("HDF5 output: '" + path + "': rows of different lengths");
    flat.insert(flat.end(), r.begin(), r.end());
  }
  write_array(path, {rows.size(), columns}, flat);
}

void OutputFile::write_vector(const std::string& path, Vec v) {
  require_open("write_vector");
  PetscInt N = 0, lo = 0, hi = 0;
  QTHERM_PETSC(VecGetSize(v, &N));
  QTHERM_PETSC(VecGetOwnershipRange(v, &lo, &hi));
  const std::vector<hsize_t> dims = {static_cast<hsize_t>(N), 2};
  H5Space file_space = make_space(dims);
  H5Dataset ds(QTHERM_H5(
      H5Dcreate2(file_, path.c_str(), H5T_IEEE_F64LE, file_space, intermediate_groups(), H5P_DEFAULT, H5P_DEFAULT)));
  H5Plist dxpl(QTHERM_H5(H5Pcreate(H5P_DATASET_XFER)));
  if (mpio_) QTHERM_H5(H5Pset_dxpl_mpio(dxpl, H5FD_MPIO_COLLECTIVE));
  const hsize_t start[2] = {static_cast<hsize_t>(lo), 0}, count[2] = {static_cast<hsize_t>(hi - lo), 2};
  QTHERM_H5(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, nullptr, count, nullptr));
  H5Space mem_space = make_space({count[0], 2});
  const parallel::ReadArray x(v);
  // std::complex<double> is laid out as two doubles (real, imaginary): exactly the [n, 2] rows.
  QTHERM_H5(H5Dwrite(ds, H5T_NATIVE_DOUBLE, mem_space, file_space, dxpl, reinterpret_cast<const double*>(x.data())));
}

}  // namespace qtherm::io
