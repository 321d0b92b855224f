#include "qtherm/io/hdf5_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/parallel/vec_array.hpp"

namespace qtherm::io {
namespace {

using parallel::H5Attribute;
using parallel::H5Dataset;
using parallel::H5Group;
using parallel::H5Space;
using parallel::H5Type;

// The kind of object at `path`, or H5O_TYPE_UNKNOWN when there is none. Walks the path one link
// at a time because H5Lexists fails (instead of answering false) on a missing intermediate group.
// The kind comes from trying to open it: H5Oget_info_by_name changes signature between API
// versions (Debian defaults to the 1.8 API), H5Gopen2/H5Dopen2 do not.
// Quiet: a missing object is an answer here, not an error stack on stderr.
H5O_type_t object_type(hid_t file, const std::string& path) {
  std::string p = path.empty() || path[0] != '/' ? "/" + path : path;
  if (p == "/") return H5O_TYPE_GROUP;
  H5O_type_t type = H5O_TYPE_UNKNOWN;
  H5E_BEGIN_TRY {
    htri_t found = 0;
    for (std::size_t pos = p.find('/', 1);; pos = p.find('/', pos + 1)) {
      const std::string prefix = p.substr(0, pos);
      found = H5Lexists(file, prefix.c_str(), H5P_DEFAULT);
      if (found <= 0 || pos == std::string::npos) break;
    }
    // The link may be a dangling soft link; only a real object counts.
    if (found > 0 && H5Oexists_by_name(file, p.c_str(), H5P_DEFAULT) > 0) {
      if (H5Group g(H5Gopen2(file, p.c_str(), H5P_DEFAULT)); g.get() >= 0)
        type = H5O_TYPE_GROUP;
      else if (H5Dataset d(H5Dopen2(file, p.c_str(), H5P_DEFAULT)); d.get() >= 0)
        type = H5O_TYPE_DATASET;
      else
        type = H5O_TYPE_NAMED_DATATYPE;  // the only other kind of HDF5 object
    }
  }
  H5E_END_TRY;
  return type;
}

// Names for H5Literate / H5Aiterate2. Nothing may be thrown through HDF5's C frames.
herr_t collect_link(hid_t, const char* name, const H5L_info_t*, void* out) {
  try {
    static_cast<std::vector<std::string>*>(out)->emplace_back(name);
    return 0;
  } catch (...) {
    return -1;
  }
}
herr_t collect_attribute(hid_t, const char* name, const H5A_info_t*, void* out) {
  try {
    static_cast<std::vector<std::string>*>(out)->emplace_back(name);
    return 0;
  } catch (...) {
    return -1;
  }
}

// A numeric attribute's single value (its class checked by the caller).
double read_real(hid_t attr) {
  double v = 0;
  QTHERM_H5(H5Aread(attr, H5T_NATIVE_DOUBLE, &v));
  return v;
}
long read_integer(hid_t attr) {
  std::int64_t v = 0;
  QTHERM_H5(H5Aread(attr, H5T_NATIVE_INT64, &v));
  return static_cast<long>(v);
}

std::string read_string(hid_t attr, hid_t file_type) {
  if (QTHERM_H5(H5Tis_variable_str(file_type)) > 0) {
    H5Type mem(QTHERM_H5(H5Tcopy(H5T_C_S1)));
    QTHERM_H5(H5Tset_size(mem, H5T_VARIABLE));
    QTHERM_H5(H5Tset_cset(mem, QTHERM_H5(H5Tget_cset(file_type))));
    char* p = nullptr;
    QTHERM_H5(H5Aread(attr, mem, &p));
    std::unique_ptr<char, herr_t (*)(void*)> owned(p, H5free_memory);  // HDF5 allocated it
    return p ? std::string(p) : std::string();
  }
  // Fixed length: read the raw bytes, then undo the padding.
  const std::size_t size = H5Tget_size(file_type);  // size_t: 0, not negative, on failure
  if (size == 0) throw Error("HDF5 call failed: H5Tget_size of a string attribute");
  std::string s(size, '\0');
  QTHERM_H5(H5Aread(attr, file_type, s.data()));
  s.resize(std::strlen(s.c_str()));
  if (QTHERM_H5(H5Tget_strpad(file_type)) == H5T_STR_SPACEPAD) s.erase(s.find_last_not_of(' ') + 1);
  return s;
}

}  // namespace

InputFile::InputFile(const std::string& path) : path_(path) {
  hid_t id = H5I_INVALID_HID;
  H5E_BEGIN_TRY { id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT); }
  H5E_END_TRY;
  if (id < 0) throw InputError(path, "", "", "cannot open HDF5 file");
  file_ = parallel::H5File(id);
}

void InputFile::fail(const std::string& what) const { throw InputError(path_, "", "", what); }

parallel::H5Object InputFile::open_object(const std::string& object_path) const {
  if (object_type(file_, object_path) == H5O_TYPE_UNKNOWN) fail("no object '" + object_path + "'");
  return parallel::H5Object(QTHERM_H5(H5Oopen(file_, object_path.c_str(), H5P_DEFAULT)));
}

H5Attribute InputFile::open_attribute(hid_t object, const std::string& object_path, const std::string& name) const {
  if (QTHERM_H5(H5Aexists(object, name.c_str())) <= 0) fail("no attribute '" + name + "' on '" + object_path + "'");
  H5Attribute a(QTHERM_H5(H5Aopen(object, name.c_str(), H5P_DEFAULT)));
  H5Space space(QTHERM_H5(H5Aget_space(a)));
  if (QTHERM_H5(H5Sget_simple_extent_npoints(space)) != 1)
    fail("attribute '" + name + "' on '" + object_path + "' is not a single value");
  return a;
}

H5Dataset InputFile::open_dataset(const std::string& dataset_path) const {
  if (object_type(file_, dataset_path) != H5O_TYPE_DATASET) fail("no dataset '" + dataset_path + "'");
  return H5Dataset(QTHERM_H5(H5Dopen2(file_, dataset_path.c_str(), H5P_DEFAULT)));
}

std::string InputFile::string_attribute(const std::string& object_path, const std::string& name) const {
  return string_attribute(open_object(object_path), object_path, name);
}

std::string InputFile::string_attribute(hid_t object, const std::string& object_path, const std::string& name) const {
  H5Attribute a = open_attribute(object, object_path, name);
  H5Type t(QTHERM_H5(H5Aget_type(a)));
  if (QTHERM_H5(H5Tget_class(t)) != H5T_STRING)
    fail("attribute '" + name + "' on '" + object_path + "' is not a string");
  return read_string(a, t);
}

bool InputFile::has_attribute(const std::string& object_path, const std::string& name) const {
  return object_type(file_, object_path) != H5O_TYPE_UNKNOWN &&
         QTHERM_H5(H5Aexists_by_name(file_, object_path.c_str(), name.c_str(), H5P_DEFAULT)) > 0;
}

double InputFile::real_attribute(const std::string& object_path, const std::string& name) const {
  H5Attribute a = open_attribute(open_object(object_path), object_path, name);
  H5Type t(QTHERM_H5(H5Aget_type(a)));
  if (QTHERM_H5(H5Tget_class(t)) != H5T_FLOAT)
    fail("attribute '" + name + "' on '" + object_path + "' is not a real number");
  return read_real(a);
}

long InputFile::integer_attribute(const std::string& object_path, const std::string& name) const {
  H5Attribute a = open_attribute(open_object(object_path), object_path, name);
  H5Type t(QTHERM_H5(H5Aget_type(a)));
  if (QTHERM_H5(H5Tget_class(t)) != H5T_INTEGER)
    fail("attribute '" + name + "' on '" + object_path + "' is not an integer");
  return read_integer(a);
}

std::vector<double> InputFile::read_reals(const std::string& dataset_path) const {
  return read_reals(open_dataset(dataset_path), dataset_path);
}

std::vector<double> InputFile::read_reals(const H5Dataset& ds, const std::string& dataset_path) const {
  H5Type t(QTHERM_H5(H5Dget_type(ds)));
  const H5T_class_t cls = QTHERM_H5(H5Tget_class(t));
  if (cls != H5T_FLOAT && cls != H5T_INTEGER) fail("dataset '" + dataset_path + "' is not numeric");
  H5Space space(QTHERM_H5(H5Dget_space(ds)));
  std::vector<double> values(static_cast<std::size_t>(QTHERM_H5(H5Sget_simple_extent_npoints(space))));
  if (!values.empty()) QTHERM_H5(H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()));
  return values;
}

std::vector<unsigned long long> InputFile::shape(const std::string& dataset_path) const {
  H5Dataset ds = open_dataset(dataset_path);
  H5Space space(QTHERM_H5(H5Dget_space(ds)));
  std::vector<hsize_t> dims(static_cast<std::size_t>(QTHERM_H5(H5Sget_simple_extent_ndims(space))));
  if (!dims.empty()) QTHERM_H5(H5Sget_simple_extent_dims(space, dims.data(), nullptr));
  return {dims.begin(), dims.end()};
}

std::vector<std::string> InputFile::members(const std::string& group_path) const {
  if (object_type(file_, group_path) != H5O_TYPE_GROUP) fail("no group '" + group_path + "'");
  H5Group g(QTHERM_H5(H5Gopen2(file_, group_path.c_str(), H5P_DEFAULT)));
  std::vector<std::string> names;
  QTHERM_H5(H5Literate(g, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_link, &names));
  std::sort(names.begin(), names.end());  // the contract, whatever index order HDF5 used
  return names;
}

bool InputFile::exists(const std::string& path) const { return object_type(file_, path) != H5O_TYPE_UNKNOWN; }

RunRecord InputFile::read_run(long k) const {
  const std::string run = "/runs/" + std::to_string(k);
  if (object_type(file_, run) != H5O_TYPE_GROUP) fail("no run group '" + run + "'");
  RunRecord rec;

  {
    H5Group g(QTHERM_H5(H5Gopen2(file_, run.c_str(), H5P_DEFAULT)));
    std::vector<std::string> names;
    QTHERM_H5(H5Aiterate2(g, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_attribute, &names));
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
      H5Attribute a = open_attribute(g, run, name);
      H5Type t(QTHERM_H5(H5Aget_type(a)));
      switch (QTHERM_H5(H5Tget_class(t))) {
        case H5T_FLOAT:
          rec.parameters.emplace_back(name, read_real(a));
          break;
        case H5T_INTEGER:
          rec.parameters.emplace_back(name, read_integer(a));
          break;
        case H5T_STRING:
          rec.parameters.emplace_back(name, read_string(a, t));
          break;
        default:
          fail("parameter '" + name + "' of '" + run + "' is not a number or a string");
      }
    }
  }

  rec.t = read_reals(run + "/t");
  auto quantity = [&](const H5Dataset& ds, const std::string& path, const std::string& name) {
    return Quantity{name, string_attribute(ds, path, "unit"), string_attribute(ds, path, "sign"),
                    string_attribute(ds, path, "meaning")};
  };

  if (exists(run + "/observables"))
    for (const auto& name : members(run + "/observables")) {
      const std::string path = run + "/observables/" + name;
      const H5Dataset ds = open_dataset(path);
      Series s{quantity(ds, path, name), read_reals(ds, path)};
      if (s.values.size() != rec.t.size()) fail("observable '" + path + "' is not aligned with '" + run + "/t'");
      rec.observables.push_back(std::move(s));
    }

  if (exists(run + "/scalars"))
    for (const auto& name : members(run + "/scalars")) {
      const std::string path = run + "/scalars/" + name;
      const H5Dataset ds = open_dataset(path);
      const std::vector<double> v = read_reals(ds, path);
      if (v.size() != 1) fail("scalar '" + path + "' holds " + std::to_string(v.size()) + " values");
      rec.scalars.push_back(Scalar{quantity(ds, path, name), v[0]});
    }

  if (exists(run + "/states"))
    for (const auto& name : members(run + "/states")) {
      const std::string path = run + "/states/" + name;
      ComplexArray a{name, shape(path), {}};
      if (a.shape.empty() || a.shape.back() != 2)
        fail("state '" + path + "' has no trailing (real, imag) dimension of 2");
      a.shape.pop_back();
      const std::vector<double> v = read_reals(path);
      a.data.resize(v.size() / 2);
      for (std::size_t i = 0; i < a.data.size(); ++i) a.data[i] = {v[2 * i], v[2 * i + 1]};
      rec.states.push_back(std::move(a));
    }
  return rec;
}

}  // namespace qtherm::io

namespace qtherm::io {

std::vector<std::vector<double>> InputFile::read_table(const std::string& path, size_t rows) const {
  const auto dims = shape(path);
  if (dims.size() != 2 || dims[0] != rows)
    throw InputError(path_, "", "", "'" + path + "' is not a table of " + std::to_string(rows) + " rows");
  const auto flat = read_reals(path);
  std::vector<std::vector<double>> out(rows);
  for (size_t k = 0; k < rows; ++k) out[k].assign(flat.begin() + k * dims[1], flat.begin() + (k + 1) * dims[1]);
  return out;
}

void InputFile::read_vector(const std::string& path, Vec v) const {
  parallel::H5Dataset ds = open_dataset(path);
  PetscInt N = 0, lo = 0, hi = 0;
  QTHERM_PETSC(VecGetSize(v, &N));
  QTHERM_PETSC(VecGetOwnershipRange(v, &lo, &hi));
  const auto dims = shape(path);
  if (dims.size() != 2 || dims[1] != 2 || dims[0] != static_cast<unsigned long long>(N))
    throw InputError(path_, "", "", "'" + path + "' is not a complex vector of length " + std::to_string(N));
  parallel::H5Space file_space(QTHERM_H5(H5Dget_space(ds)));
  const hsize_t start[2] = {static_cast<hsize_t>(lo), 0}, count[2] = {static_cast<hsize_t>(hi - lo), 2};
  QTHERM_H5(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, nullptr, count, nullptr));
  parallel::H5Space mem_space(QTHERM_H5(H5Screate_simple(2, count, nullptr)));
  const parallel::WriteArray x(v);
  QTHERM_H5(H5Dread(ds, H5T_NATIVE_DOUBLE, mem_space, file_space, H5P_DEFAULT, reinterpret_cast<double*>(x.data())));
}

}  // namespace qtherm::io
