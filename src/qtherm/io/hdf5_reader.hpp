#pragma once
// Reading a qtherm HDF5 file back (tests, restarts, analysis): serial, read-only, one process,
// default file driver, so no MPI is involved. Paths are absolute HDF5 paths ("/runs/0/t").
// A missing object or one of the wrong kind is an InputError naming the file and the path (the
// file came from the user); a failing HDF5 call is an Error.
#include <petscvec.h>

#include <string>
#include <vector>

#include "qtherm/io/run_record.hpp"
#include "qtherm/parallel/hdf5_handle.hpp"

namespace qtherm::io {

class InputFile {
 public:
  // Not collective. Missing or unreadable: InputError(path, "", "", "cannot open HDF5 file").
  explicit InputFile(const std::string& path);

  const std::string& path() const { return path_; }

  // Attributes of the object at `object_path` ("/" for the root). A string attribute may be
  // variable- or fixed-length; a real one any floating type; an integer one any integer type.
  std::string string_attribute(const std::string& object_path, const std::string& name) const;
  double real_attribute(const std::string& object_path, const std::string& name) const;
  long integer_attribute(const std::string& object_path, const std::string& name) const;
  bool has_attribute(const std::string& object_path, const std::string& name) const;

  // A numeric dataset of any rank (a scalar gives one value), flattened in row-major order.
  std::vector<double> read_reals(const std::string& dataset_path) const;
  // A dataset's dimensions; empty for a scalar.
  std::vector<unsigned long long> shape(const std::string& dataset_path) const;
  // The names of a group's members, sorted by byte value ("10" before "2").
  std::vector<std::string> members(const std::string& group_path) const;
  // Whether an object (group or dataset) exists at `path`; false for broken paths, never throws
  // for a missing intermediate group.
  bool exists(const std::string& path) const;

  // /runs/<k> as OutputFile::write_run wrote it. Parameters, observables, scalars and states come
  // back sorted by name.
  RunRecord read_run(long k) const;

  // A table written by OutputFile::write_table; InputError unless it has `rows` rows.
  std::vector<std::vector<double>> read_table(const std::string& dataset_path, size_t rows) const;

  // Fills the entries of `v` this process owns from a vector written by OutputFile::write_vector
  // (any rank count then and now). Not collective: each process reads its own rows.
  void read_vector(const std::string& dataset_path, Vec v) const;

 private:
  // By path (checked, with an error naming what is missing) and on an object already open (a run's
  // datasets: one path lookup each instead of one per attribute; object_path names it in errors).
  parallel::H5Object open_object(const std::string& object_path) const;
  parallel::H5Attribute open_attribute(hid_t object, const std::string& object_path, const std::string& name) const;
  std::string string_attribute(hid_t object, const std::string& object_path, const std::string& name) const;
  parallel::H5Dataset open_dataset(const std::string& dataset_path) const;
  std::vector<double> read_reals(const parallel::H5Dataset& ds, const std::string& dataset_path) const;
  [[noreturn]] void fail(const std::string& what) const;

  std::string path_;
  parallel::H5File file_;
};

}  // namespace qtherm::io
