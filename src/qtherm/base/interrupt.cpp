#include "qtherm/base/interrupt.hpp"

#include <csignal>

namespace qtherm {
namespace {
volatile std::sig_atomic_t g_signal = 0;
extern "C" void on_signal(int s) { g_signal = s; }
}  // namespace

void install_interrupt_handlers() {
  std::signal(SIGTERM, on_signal);
  std::signal(SIGUSR1, on_signal);
}

bool interrupt_requested() { return g_signal != 0; }
int interrupt_signal() { return g_signal; }
void request_interrupt(int s) { g_signal = s; }
void clear_interrupt() { g_signal = 0; }

}  // namespace qtherm
