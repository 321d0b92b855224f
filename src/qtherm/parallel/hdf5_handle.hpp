#pragma once
// Move-only owners of HDF5 identifiers (file, group, dataset, dataspace, datatype, attribute,
// property list). The only place in qtherm where H5*close is called.
#include <hdf5.h>

#include <utility>

namespace qtherm::parallel {

template <herr_t (*Close)(hid_t)>
class H5Id {
 public:
  H5Id() = default;
  // Takes ownership of a valid id; a negative id (an HDF5 failure) is refused by the caller's
  // QTHERM_H5 check before it gets here.
  explicit H5Id(hid_t id) : id_(id) {}
  H5Id(const H5Id&) = delete;
  H5Id& operator=(const H5Id&) = delete;
  H5Id(H5Id&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)) {}
  H5Id& operator=(H5Id&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = std::exchange(o.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  ~H5Id() { reset(); }
  hid_t get() const { return id_; }
  operator hid_t() const { return id_; }  // NOLINT
  void reset() noexcept {
    if (id_ >= 0) Close(id_);
    id_ = H5I_INVALID_HID;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
};

using H5File = H5Id<H5Fclose>;
using H5Group = H5Id<H5Gclose>;
using H5Dataset = H5Id<H5Dclose>;
using H5Space = H5Id<H5Sclose>;
using H5Type = H5Id<H5Tclose>;
using H5Attribute = H5Id<H5Aclose>;
using H5Plist = H5Id<H5Pclose>;
using H5Object = H5Id<H5Oclose>;  // a group, dataset or named type opened by H5Oopen

}  // namespace qtherm::parallel
