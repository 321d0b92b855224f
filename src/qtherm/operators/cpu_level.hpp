#pragma once
// Whether the running CPU has an x86-64 micro-architecture level, for the kernels compiled for
// several of them (target attributes). Asked by features, not by GCC's level names
// (__builtin_cpu_supports("x86-64-v3")), which clang does not accept. Level 3's other features
// (F16C, LZCNT, MOVBE) come with AVX2, FMA and BMI2 on every CPU that has these.

namespace qtherm::operators::detail {

inline bool cpu_has_x86_64_v3() {
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi") &&
         __builtin_cpu_supports("bmi2");
}

inline bool cpu_has_x86_64_v4() {
  return cpu_has_x86_64_v3() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
}

}  // namespace qtherm::operators::detail
