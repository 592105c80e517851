#if canImport(Glibc)
import Glibc
#endif

/// Makes OpenBLAS's idle worker threads sleep at once instead of spinning.
///
/// After each call OpenBLAS's workers spin (calling `sched_yield`) for about 2^28 cycles before they sleep. On two
/// cores they hold the cores that our own parallel loops (`concurrentPerform`) need between BLAS calls: a fifth of
/// the `train-step` benchmark's profile was spent in the scheduler. With `OPENBLAS_THREAD_TIMEOUT=4` (2^4 cycles)
/// its median fell from 265–311 ms to 231–269 ms in alternating runs (the jointly trained U-Net's 1.35–1.50 s became
/// 1.37–1.64 s; Documentation/Agent.md). OpenBLAS reads the variable once, when the
/// library is loaded, before `main` runs, so the command line re-executes itself once with it set. A value the user
/// set is kept; if the re-execution fails, the process simply runs on with OpenBLAS's default.
enum BLASThreadTuning {
    static let variable = "OPENBLAS_THREAD_TIMEOUT"

    static func sleepIdleThreads() {
        #if os(Linux)
        guard getenv(variable) == nil else { return }
        setenv(variable, "4", 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        #endif
    }
}
