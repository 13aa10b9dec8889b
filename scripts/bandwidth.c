/* The plain-C baseline for scripts/bench-vs-numpy: sums float32 data of a mapped file on N threads and prints the
 * best of R runs as JSON: the memory bandwidth the kernels are compared against. Two loops are timed and the
 * faster one counts: four scalar double accumulators (what -O3 makes of a plain loop, since it may not reorder
 * float additions), and, where the compiler offers 256-bit vectors, eight-wide loads widened to four vector
 * double accumulators, so that the baseline is limited by memory, not by the adder's latency. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static const float *data;
static size_t count;
static int nthreads;
static double partial[64];

#if defined(__AVX__)
#include <immintrin.h>
static void *work_vector(void *arg) {
    long t = (long) arg;
    size_t lo = count / nthreads * t, hi = t == nthreads - 1 ? count : count / nthreads * (t + 1);
    __m256d a0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd(), a2 = _mm256_setzero_pd(), a3 = _mm256_setzero_pd();
    size_t i = lo;
    for (; i + 16 <= hi; i += 16) {
        __m256 x = _mm256_loadu_ps(data + i), y = _mm256_loadu_ps(data + i + 8);
        a0 = _mm256_add_pd(a0, _mm256_cvtps_pd(_mm256_castps256_ps128(x)));
        a1 = _mm256_add_pd(a1, _mm256_cvtps_pd(_mm256_extractf128_ps(x, 1)));
        a2 = _mm256_add_pd(a2, _mm256_cvtps_pd(_mm256_castps256_ps128(y)));
        a3 = _mm256_add_pd(a3, _mm256_cvtps_pd(_mm256_extractf128_ps(y, 1)));
    }
    double lanes[4], s = 0;
    _mm256_storeu_pd(lanes, _mm256_add_pd(_mm256_add_pd(a0, a1), _mm256_add_pd(a2, a3)));
    for (int k = 0; k < 4; k++) s += lanes[k];
    for (; i < hi; i++) s += data[i];
    partial[t] = s;
    return NULL;
}
#endif

static void *work(void *arg) {
    long t = (long) arg;
    size_t lo = count / nthreads * t, hi = t == nthreads - 1 ? count : count / nthreads * (t + 1);
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i = lo;
    for (; i + 4 <= hi; i += 4) { s0 += data[i]; s1 += data[i + 1]; s2 += data[i + 2]; s3 += data[i + 3]; }
    for (; i < hi; i++) s0 += data[i];
    partial[t] = s0 + s1 + s2 + s3;
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: bandwidth FILE OFFSET THREADS REPS\n"); return 2; }
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) { perror(argv[1]); return 1; }
    off_t size = lseek(fd, 0, SEEK_END);
    long offset = atol(argv[2]);
    nthreads = atoi(argv[3]);
    int reps = atoi(argv[4]);
    const char *base = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) { perror("mmap"); return 1; }
    data = (const float *) (base + offset);
    count = (size - offset) / 4;
    double best = 1e30, sum = 0;
    void *(*kernels[2])(void *) = {work, NULL};
#if defined(__AVX__)
    kernels[1] = work_vector;
#endif
    for (int r = 0; r < 2 * reps; r++) {
        void *(*kernel)(void *) = kernels[r % 2] ? kernels[r % 2] : work;
        struct timespec a, b;
        pthread_t th[64];
        clock_gettime(CLOCK_MONOTONIC, &a);
        for (long t = 0; t < nthreads; t++) pthread_create(&th[t], NULL, kernel, (void *) t);
        for (int t = 0; t < nthreads; t++) pthread_join(th[t], NULL);
        clock_gettime(CLOCK_MONOTONIC, &b);
        double s = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
        if (s < best) best = s;
        sum = 0;
        for (int t = 0; t < nthreads; t++) sum += partial[t];
    }
    printf("{\"op\":\"c_sum\",\"seconds\":%.6f,\"result\":%.17g,\"gbps\":%.3f}\n", best, sum, count * 4.0 / best / 1e9);
    return 0;
}
