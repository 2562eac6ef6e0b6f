// A plain C++ program over the same whisper.cpp build as the addon, with no Node in the way:
// the baseline the engine benchmark compares against.
//   whisper-reference encode MODEL THREADS RUNS        -> one line per run: encode-ms N
//   whisper-reference transcribe MODEL THREADS PCM.f32 -> transcribe-ms N, segments N
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "whisper.h"
#ifdef DEBRIEF_BACKEND_DL
#include "ggml-backend.h"
#endif

static void quiet(enum ggml_log_level level, const char* text, void*) {
  if (level == GGML_LOG_LEVEL_ERROR) fputs(text, stderr);
}

int main(int argc, char** argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: %s encode MODEL THREADS RUNS | transcribe MODEL THREADS PCM.f32\n", argv[0]);
    return 2;
  }
  whisper_log_set(quiet, nullptr);
#ifdef DEBRIEF_BACKEND_DL
  ggml_backend_load_all();  // the dispatched build: the best CPU variant beside this program
#endif
  const std::string mode = argv[1];
  const int threads = std::atoi(argv[3]);
  whisper_context_params cp = whisper_context_default_params();
  whisper_context* ctx = whisper_init_from_file_with_params(argv[2], cp);
  if (ctx == nullptr) {
    fprintf(stderr, "could not load %s\n", argv[2]);
    return 1;
  }
  printf("flash-attention %d\nuse-gpu %d\n", cp.flash_attn ? 1 : 0, cp.use_gpu ? 1 : 0);
  using clock = std::chrono::steady_clock;
  if (mode == "encode") {
    const int runs = std::atoi(argv[4]);
    for (int r = 0; r < runs; ++r) {
      whisper_state* st = whisper_init_state(ctx);
      whisper_set_mel_with_state(ctx, st, nullptr, 0, whisper_model_n_mels(ctx));
      auto t0 = clock::now();
      if (whisper_encode_with_state(ctx, st, 0, threads) != 0) return 1;
      printf("encode-ms %.3f\n", std::chrono::duration<double, std::milli>(clock::now() - t0).count());
      whisper_free_state(st);
    }
  } else if (mode == "transcribe") {
    std::ifstream in(argv[4], std::ios::binary | std::ios::ate);
    if (!in) return 1;
    std::vector<float> pcm(static_cast<size_t>(in.tellg()) / sizeof(float));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(pcm.data()), pcm.size() * sizeof(float));
    whisper_full_params p = whisper_full_default_params(WHISPER_SAMPLING_GREEDY);
    p.n_threads = threads;
    p.print_progress = false;
    p.language = "en";
    p.no_context = true;
    p.token_timestamps = true;
    p.suppress_nst = true;
    auto t0 = clock::now();
    if (whisper_full(ctx, p, pcm.data(), static_cast<int>(pcm.size())) != 0) return 1;
    printf("transcribe-ms %.3f\n", std::chrono::duration<double, std::milli>(clock::now() - t0).count());
    printf("segments %d\n", whisper_full_n_segments(ctx));
  }
  whisper_free(ctx);
  return 0;
}
