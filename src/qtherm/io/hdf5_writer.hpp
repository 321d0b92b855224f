#pragma once
// The study's output file (design.md, "Output"): written collectively by every rank of a
// communicator to "<path>.partial" and renamed to "<path>" only by commit(), so that a crash or
// an exception can never leave a file (let alone a half file) under the final name.
#include <mpi.h>

#include <petscvec.h>

#include <string>
#include <vector>

#include "qtherm/io/run_record.hpp"
#include "qtherm/parallel/hdf5_handle.hpp"

namespace qtherm::io {

class OutputFile {
 public:
  // Collective on comm. Refuses an existing `path` unless `overwrite` (InputError, decided on
  // rank 0 so every rank throws the same), then creates "<path>.partial" with MPI-IO, truncating
  // a stale one. `comm` must outlive this object.
  OutputFile(MPI_Comm comm, std::string path, bool overwrite);
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  OutputFile(OutputFile&&) = delete;
  OutputFile& operator=(OutputFile&&) = delete;
  // Collective. Without commit(): closes the file and removes "<path>.partial". Never throws.
  // (Like every collective destructor, it expects all ranks to unwind together; qtherm's errors
  // are decided identically on every rank.)
  ~OutputFile();

  // Collective, same value on every rank: a root attribute. float64 / int64 scalar, or a
  // variable-length UTF-8 string (h5py reads it as str). Setting a name again replaces it.
  void set_attribute(const std::string& name, const AttrValue& value);

  // Collective, same record on every rank: writes /runs/<k> (parameters as attributes, t,
  // observables/, scalars/, and states/ when there are states). Validates the record first
  // (lengths, shapes, names) and throws qtherm::Error before touching the file.
  void write_run(long k, const RunRecord& rec);

  // Collective, same data on every rank: a float64 dataset of the given shape (row-major) at an
  // absolute path such as "/evolution/series"; missing groups on the way are created.
  void write_array(const std::string& path, const std::vector<unsigned long long>& shape,
                   const std::vector<double>& data);
  // Collective, same data on every rank: rows of equal length as a float64 [rows, columns] array
  // (e.g. the samples of each observable so far, for a checkpoint).
  void write_table(const std::string& path, const std::vector<std::vector<double>>& rows);
  // Collective: a distributed complex vector as float64 [N, 2] (real, imaginary); each rank
  // writes the rows it owns, so nothing is gathered.
  void write_vector(const std::string& path, Vec v);

  // Collective: flushes and closes the file, then rank 0 renames "<path>.partial" to "<path>"
  // (replacing an old file atomically). Every rank throws the same Error if the rename fails.
  // Afterwards the object is inert (any further call throws Error).
  void commit();

  const std::string& path() const { return path_; }
  std::string partial_path() const { return path_ + ".partial"; }

  // The current UTC time as "YYYY-MM-DDThh:mm:ssZ" (for the created_utc attribute). Not collective:
  // take it on one rank and broadcast, or accept that ranks may differ by a second.
  static std::string utc_now_iso8601();

 private:
  void require_open(const char* what) const;
  // The writes proper; the public functions turn HDF5 failures into IoError naming the file.
  void write_run_unguarded(long k, const RunRecord& rec);
  void write_array_unguarded(const std::string& path, const std::vector<unsigned long long>& shape,
                             const std::vector<double>& data);
  // Collective, never throws: closes the file and rank 0 removes "<path>.partial".
  void abandon() noexcept;

  MPI_Comm comm_;
  int rank_ = 0;
  std::string path_;
  // The only HDF5 object kept open between calls: groups and datasets live inside one call, so
  // closing the file (MPI-IO closes with H5F_CLOSE_SEMI) never fails on a forgotten open object.
  parallel::H5File file_;
  bool committed_ = false;
  bool mpio_ = false;  // MPI-IO (ranks share the file), else POSIX I/O by one rank
};

}  // namespace qtherm::io
