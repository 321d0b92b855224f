#pragma once
// Values written as text (configuration files, command lines, operator expressions): numbers,
// lists, complex numbers and matrices. Parse errors throw std::invalid_argument with a short reason
// that callers wrap with the file, section and key.
#include <Eigen/Dense>
#include <complex>
#include <string>
#include <vector>

namespace qtherm {

std::string trim(const std::string& s);
std::string lower(std::string s);
std::vector<std::string> split(const std::string& s, char sep);  // keeps empty pieces

double parse_real(const std::string& text);  // finite only; a leading '+' is allowed
long parse_integer(const std::string& text);
bool parse_boolean(const std::string& text);                          // true/false, yes/no, on/off, 1/0
std::vector<double> parse_real_list(const std::string& text);         // commas and/or spaces
std::vector<std::string> parse_string_list(const std::string& text);  // commas; empty items dropped
std::complex<double> parse_complex(const std::string& text);          // 1, -0.5i, 2+3i, 1e-3-2e-1i, i, -i, (1+2i)
Eigen::MatrixXcd parse_matrix(const std::string& text);               // [[a, b], [c, d]] or a, b; c, d
// The closest candidate by edit distance, or "" if none is reasonably close.
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace qtherm
