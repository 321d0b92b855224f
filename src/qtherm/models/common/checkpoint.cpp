#include "qtherm/models/common/checkpoint.hpp"

#include <cmath>
#include <stdexcept>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/dynamics/lindblad_evolution.hpp"
#include "qtherm/io/hdf5_reader.hpp"
#include "qtherm/io/hdf5_writer.hpp"

namespace qtherm::models {

// One declared piece of state: how to write it and how to read it back.
struct Checkpoint::Item {
  std::string name;
  std::function<void(io::OutputFile&)> save;
  std::function<void(const io::InputFile&)> load;
  bool optional = false;
};

namespace {

std::string state_path(const std::string& name) { return "/state/" + name; }
std::string vector_path(const std::string& name) { return "/vectors/" + name; }

}  // namespace

Checkpoint::Checkpoint(MPI_Comm comm, RunContext& context, int poll_every)
    : comm_(comm), ctx_(context), clock_(comm, context, 0.0, poll_every) {}

Checkpoint::~Checkpoint() = default;

void Checkpoint::add(const std::string& name, std::function<std::vector<double>()> get,
                     std::function<void(const std::vector<double>&)> set) {
  auto item = std::make_unique<Item>();
  item->name = name;
  item->save = [name, get](io::OutputFile& f) {
    const auto v = get();
    f.write_array(state_path(name), {v.size()}, v);
  };
  item->load = [name, set](const io::InputFile& f) { set(f.read_reals(state_path(name))); };
  items_.push_back(std::move(item));
}

void Checkpoint::add(const std::string& name, double& x) {
  add(
      name, [&x] { return std::vector<double>{x}; }, [&x](const std::vector<double>& v) { x = v.at(0); });
}

void Checkpoint::add(const std::string& name, long& x) {
  add(
      name, [&x] { return std::vector<double>{double(x)}; }, [&x](const std::vector<double>& v) { x = long(v.at(0)); });
}

void Checkpoint::add(const std::string& name, size_t& x) {
  add(
      name, [&x] { return std::vector<double>{double(x)}; },
      [&x](const std::vector<double>& v) { x = size_t(v.at(0)); });
}

void Checkpoint::add(const std::string& name, bool& x) {
  add(
      name, [&x] { return std::vector<double>{x ? 1.0 : 0.0}; },
      [&x](const std::vector<double>& v) { x = v.at(0) != 0; });
}

void Checkpoint::add(const std::string& name, std::vector<double>& v) {
  add(
      name, [&v] { return v; }, [&v](const std::vector<double>& r) { v = r; });
}

void Checkpoint::add(const std::string& name, std::vector<long>& v) {
  add(
      name, [&v] { return std::vector<double>(v.begin(), v.end()); },
      [&v](const std::vector<double>& r) { v.assign(r.begin(), r.end()); });
}

void Checkpoint::add(const std::string& name, std::vector<std::complex<double>>& v) {
  add(
      name,
      [&v] {
        const double* p = reinterpret_cast<const double*>(v.data());
        return std::vector<double>(p, p + 2 * v.size());
      },
      [&v](const std::vector<double>& r) {
        const auto* p = reinterpret_cast<const std::complex<double>*>(r.data());
        v.assign(p, p + r.size() / 2);
      });
}

void Checkpoint::add(const std::string& name, Eigen::MatrixXcd& m) {
  add(
      name,
      [&m] {
        std::vector<double> r{double(m.rows()), double(m.cols())};
        for (Eigen::Index k = 0; k < m.size(); ++k) r.insert(r.end(), {m.data()[k].real(), m.data()[k].imag()});
        return r;
      },
      [&m](const std::vector<double>& r) {
        m.resize(Eigen::Index(r.at(0)), Eigen::Index(r.at(1)));
        for (Eigen::Index k = 0; k < m.size(); ++k) m.data()[k] = {r.at(2 + 2 * k), r.at(3 + 2 * k)};
      });
}

void Checkpoint::add_table(const std::string& name, std::function<std::vector<std::vector<double>>()> get,
                           std::function<void(std::vector<std::vector<double>>)> set, std::function<size_t()> rows,
                           const std::string& what_decides) {
  auto item = std::make_unique<Item>();
  item->name = name;
  item->save = [name, get](io::OutputFile& f) { f.write_table(state_path(name), get()); };
  item->load = [this, name, set, rows, what_decides](const io::InputFile& f) {
    const auto shape = f.shape(state_path(name));
    const size_t held = shape.empty() ? 0 : size_t(shape.front()), want = rows();
    if (held != want)
      throw InputError(ctx_.checkpoint_path, "", "",
                       "restart refused: the checkpoint holds " + std::to_string(held) + " series of '" + name +
                           "', this configuration asks for " + std::to_string(want) +
                           (what_decides.empty() ? "" : " (" + what_decides + " changed?)") +
                           "; restore the setting or start afresh");
    set(f.read_table(state_path(name), want));
  };
  items_.push_back(std::move(item));
}

void Checkpoint::add(const std::string& name, std::vector<std::vector<double>>& rows, const std::string& what_decides) {
  add_table(
      name, [&rows] { return rows; }, [&rows](std::vector<std::vector<double>> r) { rows = std::move(r); },
      [&rows] { return rows.size(); }, what_decides);
}

void Checkpoint::add(const std::string& name, std::vector<io::Series>& series, const std::string& what_decides) {
  add_table(
      name,
      [&series] {
        std::vector<std::vector<double>> r;
        for (const auto& s : series) r.push_back(s.values);
        return r;
      },
      [&series](std::vector<std::vector<double>> r) {
        for (size_t k = 0; k < series.size(); ++k) series[k].values = std::move(r[k]);
      },
      [&series] { return series.size(); }, what_decides);
}

void Checkpoint::add(const std::string& name, Vec v) {
  auto item = std::make_unique<Item>();
  item->name = name;
  item->save = [name, v](io::OutputFile& f) { f.write_vector(vector_path(name), v); };
  item->load = [name, v](const io::InputFile& f) { f.read_vector(vector_path(name), v); };
  items_.push_back(std::move(item));
}

void Checkpoint::add_optional(const std::string& name, std::function<Vec()> get, std::function<Vec()> make) {
  auto item = std::make_unique<Item>();
  item->name = name;
  // Whether it is present is the same on every rank (the write is collective).
  item->save = [name, get](io::OutputFile& f) {
    Vec v = get();
    f.set_attribute("has_" + name, long(v ? 1 : 0));
    if (v) f.write_vector(vector_path(name), v);
  };
  item->optional = true;
  item->load = [name, make](const io::InputFile& f) {
    if (f.integer_attribute("/", "has_" + name)) f.read_vector(vector_path(name), make());
  };
  items_.push_back(std::move(item));
}

void Checkpoint::add(dynamics::LindbladEvolution& evolution) {
  evolution_ = &evolution;
  evolution_state_ = std::make_unique<dynamics::EvolutionState>();
  auto* st = evolution_state_.get();
  add(
      "evolution_clock",
      [&evolution] {
        const auto& s = evolution.state();
        return std::vector<double>{s.t, s.step, double(s.steps), double(s.samples)};
      },
      [st](const std::vector<double>& r) {
        st->t = r.at(0), st->step = r.at(1), st->steps = long(r.at(2)), st->samples = long(r.at(3));
      });
  add(
      "evolution_integrals", [&evolution] { return evolution.state().integrals; },
      [st](const std::vector<double>& r) { st->integrals = r; });
  add_optional(
      "evolution_carried_stage", [&evolution] { return evolution.carried_stage(); },
      [&evolution] { return evolution.carried_stage_for_resume(); });
}

const dynamics::EvolutionState* Checkpoint::evolution_state() const {
  return resumed_ && evolution_state_ ? evolution_state_.get() : nullptr;
}

void Checkpoint::progress(double done, double total, const std::string& unit) {
  done_ = done, total_ = total, unit_ = unit;
}

bool Checkpoint::restore(double t_start, const std::function<double()>& t_now) {
  double t = t_start;
  if (enabled() && ctx_.resume) {
    const io::InputFile f = open_checkpoint(ctx_);
    for (const auto& item : items_) {
      if (!item->optional && !f.exists(state_path(item->name)) && !f.exists(vector_path(item->name)))
        throw InputError(ctx_.checkpoint_path, "", "",
                         "restart refused: the checkpoint holds no '" + item->name +
                             "' (written by another version or route); start afresh");
      item->load(f);
    }
    resumed_ = true;
    if (evolution_state_) t = evolution_state_->t;
    if (t_now) t = t_now();
  }
  clock_.written(t);
  return resumed_;
}

std::vector<std::vector<double>> Checkpoint::by_output_time(const std::vector<double>& times,
                                                            const std::function<std::vector<double>(size_t k)>& row) {
  std::vector<std::vector<double>> rows;
  // Rows of any length, one after another: [length, values...] each.
  add(
      "rows_by_time",
      [&rows] {
        std::vector<double> flat;
        for (const auto& r : rows) {
          flat.push_back(double(r.size()));
          flat.insert(flat.end(), r.begin(), r.end());
        }
        return flat;
      },
      [&rows](const std::vector<double>& flat) {
        rows.clear();
        for (size_t at = 0; at < flat.size();) {
          const size_t n = size_t(flat.at(at++));
          if (at + n > flat.size()) throw std::runtime_error("checkpoint: truncated rows_by_time");
          rows.emplace_back(flat.begin() + long(at), flat.begin() + long(at + n));
          at += n;
        }
      });
  const double t_end = times.empty() ? 0.0 : times.back();
  progress(0, t_end, "time");
  if (restore(0, [&] { return rows.empty() ? 0.0 : times.at(rows.size() - 1); }))
    print0(comm_, ctx_.label + ": resuming at t = " +
                      (rows.empty() ? std::string("0") : format_number(times.at(rows.size() - 1))) + " (" +
                      std::to_string(rows.size()) + " of " + std::to_string(times.size()) + " output times done)");
  for (size_t k = rows.size(); k < times.size(); ++k) {
    rows.push_back(row(k));
    if (k + 1 < times.size() && at(times[k])) break;  // after the last time the run's output follows
  }
  return rows;
}

void Checkpoint::save() {
  if (!enabled()) return;
  const double t0 = MPI_Wtime();
  {
    io::OutputFile f(comm_, ctx_.checkpoint_path, true);
    f.set_attribute("physics_hash", ctx_.physics_hash);
    f.set_attribute("point", ctx_.point);
    f.set_attribute("label", ctx_.label);
    f.set_attribute("progress_done", done_);
    f.set_attribute("progress_total", total_);
    f.set_attribute("progress_unit", unit_);
    for (const auto& item : items_) item->save(f);
    f.commit();
  }
  seconds_ += MPI_Wtime() - t0;
}

bool Checkpoint::at_unit(double done) {
  if (!enabled()) return false;
  done_ = done;
  const auto d = clock_.tick(ctx_.every_time > 0 ? INFINITY : 0.0);  // every unit is due
  if (d.write) {
    save();
    clock_.written(0.0);
  }
  if (d.stop) ctx_.interrupted = true;
  return d.stop;
}

bool Checkpoint::at(double t) {
  if (!enabled()) return false;
  if (unit_ == "time" || unit_.empty()) done_ = t;
  const auto d = clock_.tick(t);
  if (d.write) {
    save();
    clock_.written(t);
  }
  if (d.stop) ctx_.interrupted = true;
  return d.stop;
}

}  // namespace qtherm::models
