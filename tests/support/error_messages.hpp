#pragma once
// Predicates on an exception's message for BOOST_CHECK_EXCEPTION: the message must start with
// (`starts`) or contain (`contains`) the given text. A mismatch logs the actual message.
#include <boost/test/unit_test.hpp>
#include <exception>
#include <string>

inline auto starts(const std::string& prefix) {
  return [prefix](const std::exception& e) {
    const bool ok = std::string(e.what()).rfind(prefix, 0) == 0;
    if (!ok) BOOST_TEST_MESSAGE("message was: " << e.what());
    return ok;
  };
}

inline auto contains(const std::string& part) {
  return [part](const std::exception& e) {
    const bool ok = std::string(e.what()).find(part) != std::string::npos;
    if (!ok) BOOST_TEST_MESSAGE("message was: " << e.what());
    return ok;
  };
}
