// Debrief's in-process whisper.cpp binding (Node-API, ABI-stable across Node and Electron).
// The model stays loaded in a Model object; every heavy call runs on a libuv worker thread
// and resolves a Promise, so neither Node's nor Electron's main thread ever blocks.
#include <napi.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "whisper.h"

#ifdef DEBRIEF_BACKEND_DL
#include <dirent.h>
#include <dlfcn.h>
#include <unistd.h>

#include "ggml-backend.h"
#endif

namespace {

std::atomic<bool> g_quiet{true};

void log_sink(enum ggml_log_level level, const char* text, void*) {
  // whisper.cpp logs every load step to stderr; keep errors, drop the chatter unless asked.
  if (g_quiet.load() && level != GGML_LOG_LEVEL_ERROR) return;
  fputs(text, stderr);
}

struct TokenOut {
  int id;
  std::string text;
  float p;
  int64_t t0;
  int64_t t1;
};

struct SegmentOut {
  int64_t t0;
  int64_t t1;
  std::string text;
  float no_speech_prob;
  std::vector<TokenOut> tokens;
};

struct TranscribeOptions {
  int threads = 2;
  std::string language = "en";
  bool translate = false;
  bool token_timestamps = true;
  bool no_context = true;
  bool suppress_nst = true;
  float no_speech_thold = 0.6f;
  float temperature = 0.0f;
  float temperature_inc = 0.2f;
  float entropy_thold = 2.4f;
  float logprob_thold = -1.0f;
  int beam_size = 0;  // 0 = greedy
  int audio_ctx = 0;
  std::string initial_prompt;
  bool vad = false;
  std::string vad_model_path;
  whisper_vad_params vad_params = whisper_vad_default_params();
};

template <typename T>
T get_or(const Napi::Object& o, const char* key, T fallback);

template <>
int get_or<int>(const Napi::Object& o, const char* key, int fallback) {
  Napi::Value v = o.Get(key);
  return v.IsNumber() ? v.As<Napi::Number>().Int32Value() : fallback;
}
template <>
float get_or<float>(const Napi::Object& o, const char* key, float fallback) {
  Napi::Value v = o.Get(key);
  return v.IsNumber() ? v.As<Napi::Number>().FloatValue() : fallback;
}
template <>
bool get_or<bool>(const Napi::Object& o, const char* key, bool fallback) {
  Napi::Value v = o.Get(key);
  return v.IsBoolean() ? v.As<Napi::Boolean>().Value() : fallback;
}
template <>
std::string get_or<std::string>(const Napi::Object& o, const char* key, std::string fallback) {
  Napi::Value v = o.Get(key);
  return v.IsString() ? v.As<Napi::String>().Utf8Value() : fallback;
}

TranscribeOptions parse_options(const Napi::Object& o) {
  TranscribeOptions opt;
  opt.threads = get_or<int>(o, "threads", opt.threads);
  opt.language = get_or<std::string>(o, "language", opt.language);
  opt.translate = get_or<bool>(o, "translate", opt.translate);
  opt.token_timestamps = get_or<bool>(o, "wordTimestamps", opt.token_timestamps);
  opt.no_context = get_or<bool>(o, "noContext", opt.no_context);
  opt.suppress_nst = get_or<bool>(o, "suppressNonSpeech", opt.suppress_nst);
  opt.no_speech_thold = get_or<float>(o, "noSpeechThreshold", opt.no_speech_thold);
  opt.temperature = get_or<float>(o, "temperature", opt.temperature);
  opt.temperature_inc = get_or<float>(o, "temperatureIncrement", opt.temperature_inc);
  opt.entropy_thold = get_or<float>(o, "entropyThreshold", opt.entropy_thold);
  opt.logprob_thold = get_or<float>(o, "logprobThreshold", opt.logprob_thold);
  opt.beam_size = get_or<int>(o, "beamSize", opt.beam_size);
  opt.audio_ctx = get_or<int>(o, "audioContext", opt.audio_ctx);
  opt.initial_prompt = get_or<std::string>(o, "initialPrompt", "");
  Napi::Value vad = o.Get("vad");
  if (vad.IsObject()) {
    Napi::Object v = vad.As<Napi::Object>();
    opt.vad = true;
    opt.vad_model_path = get_or<std::string>(v, "modelPath", "");
    opt.vad_params.threshold = get_or<float>(v, "threshold", opt.vad_params.threshold);
    opt.vad_params.min_speech_duration_ms = get_or<int>(v, "minSpeechMs", opt.vad_params.min_speech_duration_ms);
    opt.vad_params.min_silence_duration_ms = get_or<int>(v, "minSilenceMs", opt.vad_params.min_silence_duration_ms);
    opt.vad_params.speech_pad_ms = get_or<int>(v, "speechPadMs", opt.vad_params.speech_pad_ms);
    float max_s = get_or<float>(v, "maxSpeechSec", 0.0f);
    if (max_s > 0) opt.vad_params.max_speech_duration_s = max_s;
  }
  return opt;
}

// Reads the cancel flag that JS flips in an Int32Array; a relaxed load is enough for a one-way flag.
struct CancelFlag {
  int32_t* cell = nullptr;
  bool raised() const { return cell != nullptr && __atomic_load_n(cell, __ATOMIC_RELAXED) != 0; }
};

class Model;

class TranscribeWorker : public Napi::AsyncWorker {
 public:
  TranscribeWorker(Napi::Env env, Model* model, Napi::Object model_ref, Napi::Float32Array pcm,
                   TranscribeOptions&& opts, Napi::Value cancel, Napi::Value on_progress);
  ~TranscribeWorker() override;

  Napi::Promise Promise() { return deferred_.Promise(); }

 protected:
  void Execute() override;
  void OnOK() override;
  void OnError(const Napi::Error& e) override;

 private:
  static void on_progress(struct whisper_context*, struct whisper_state*, int progress, void* self);
  static bool should_abort(void* self);
  void finish();

  Napi::Promise::Deferred deferred_;
  Model* model_;
  Napi::ObjectReference model_ref_;
  Napi::Reference<Napi::Float32Array> pcm_ref_;
  const float* pcm_ = nullptr;
  int n_samples_ = 0;
  TranscribeOptions opts_;
  Napi::Reference<Napi::Value> cancel_ref_;
  CancelFlag cancel_;
  Napi::ThreadSafeFunction progress_;
  bool has_progress_ = false;
  std::vector<SegmentOut> segments_;
  std::string language_;
  double elapsed_ms_ = 0;
  double state_init_ms_ = 0;
};

class Model : public Napi::ObjectWrap<Model> {
 public:
  static Napi::Function Init(Napi::Env env) {
    return DefineClass(env, "WhisperModel",
                       {InstanceMethod("transcribe", &Model::Transcribe),
                        InstanceMethod("benchEncode", &Model::BenchEncode),
                        InstanceMethod("info", &Model::Info),
                        InstanceMethod("release", &Model::Release)});
  }

  explicit Model(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Model>(info) {
    ctx_ = info[0].As<Napi::External<whisper_context>>().Data();
    flash_attn_ = info[1].As<Napi::Boolean>().Value();
    use_gpu_ = info[2].As<Napi::Boolean>().Value();
  }

  ~Model() override { free_now(); }

  whisper_context* ctx() const { return ctx_; }
  void job_started() { ++active_jobs_; }
  void job_finished() {
    if (--active_jobs_ == 0 && release_requested_) free_now();
  }

 private:
  void free_now() {
    if (ctx_ != nullptr) {
      whisper_free(ctx_);
      ctx_ = nullptr;
    }
  }

  void ensure_open(Napi::Env env) {
    if (ctx_ == nullptr || release_requested_) throw Napi::Error::New(env, "model was released");
  }

  Napi::Value Transcribe(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    ensure_open(env);
    if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
      throw Napi::TypeError::New(env, "transcribe: pcm must be a Float32Array of 16 kHz mono samples");
    }
    Napi::Float32Array pcm = info[0].As<Napi::Float32Array>();
    Napi::Object opts = info[1].IsObject() ? info[1].As<Napi::Object>() : Napi::Object::New(env);
    auto* worker = new TranscribeWorker(env, this, Value(), pcm, parse_options(opts),
                                        opts.Get("cancel"), opts.Get("onProgress"));
    Napi::Promise promise = worker->Promise();
    job_started();
    worker->Queue();
    return promise;
  }

  // Times whisper_encode on one 30-s window exactly as whisper.cpp's own bench does.
  Napi::Value BenchEncode(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    ensure_open(env);
    int threads = info[0].IsNumber() ? info[0].As<Napi::Number>().Int32Value() : 2;
    auto deferred = Napi::Promise::Deferred::New(env);

    class Worker : public Napi::AsyncWorker {
     public:
      Worker(Napi::Env env, Model* m, Napi::Object ref, int threads, Napi::Promise::Deferred d)
          : Napi::AsyncWorker(env), m_(m), threads_(threads), d_(d) {
        ref_ = Napi::Persistent(ref);
      }
      void Execute() override {
        whisper_state* st = whisper_init_state(m_->ctx());
        if (st == nullptr) return SetError("could not allocate whisper state");
        const int n_mels = whisper_model_n_mels(m_->ctx());
        if (whisper_set_mel_with_state(m_->ctx(), st, nullptr, 0, n_mels) != 0) {
          whisper_free_state(st);
          return SetError("whisper_set_mel failed");
        }
        auto t0 = std::chrono::steady_clock::now();
        int rc = whisper_encode_with_state(m_->ctx(), st, 0, threads_);
        auto t1 = std::chrono::steady_clock::now();
        whisper_free_state(st);
        if (rc != 0) return SetError("whisper_encode failed");
        ms_ = std::chrono::duration<double, std::milli>(t1 - t0).count();
      }
      void OnOK() override {
        m_->job_finished();
        d_.Resolve(Napi::Number::New(Env(), ms_));
      }
      void OnError(const Napi::Error& e) override {
        m_->job_finished();
        d_.Reject(e.Value());
      }

     private:
      Model* m_;
      Napi::ObjectReference ref_;
      int threads_;
      Napi::Promise::Deferred d_;
      double ms_ = 0;
    };

    auto* w = new Worker(env, this, Value(), threads, deferred);
    job_started();
    w->Queue();
    return deferred.Promise();
  }

  Napi::Value Info(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    ensure_open(env);
    Napi::Object o = Napi::Object::New(env);
    o.Set("type", whisper_model_type_readable(ctx_));
    o.Set("multilingual", whisper_is_multilingual(ctx_) != 0);
    o.Set("nVocab", whisper_model_n_vocab(ctx_));
    o.Set("nMels", whisper_model_n_mels(ctx_));
    o.Set("flashAttention", flash_attn_);
    o.Set("useGpu", use_gpu_);
    return o;
  }

  Napi::Value Release(const Napi::CallbackInfo& info) {
    release_requested_ = true;
    if (active_jobs_ == 0) free_now();
    return info.Env().Undefined();
  }

  whisper_context* ctx_ = nullptr;
  bool flash_attn_ = false;
  bool use_gpu_ = false;
  int active_jobs_ = 0;
  bool release_requested_ = false;
};

TranscribeWorker::TranscribeWorker(Napi::Env env, Model* model, Napi::Object model_ref,
                                   Napi::Float32Array pcm, TranscribeOptions&& opts, Napi::Value cancel,
                                   Napi::Value on_progress)
    : Napi::AsyncWorker(env),
      deferred_(Napi::Promise::Deferred::New(env)),
      model_(model),
      opts_(std::move(opts)) {
  model_ref_ = Napi::Persistent(model_ref);
  // The samples are read in place, not copied (a 2-hour file is 460 MB of floats): the reference
  // keeps the buffer alive, and callers leave it untouched until the promise settles.
  pcm_ref_ = Napi::Persistent(pcm);
  pcm_ = pcm.Data();
  n_samples_ = static_cast<int>(pcm.ElementLength());
  if (cancel.IsTypedArray() && cancel.As<Napi::TypedArray>().TypedArrayType() == napi_int32_array) {
    cancel_ref_ = Napi::Persistent(cancel);
    cancel_.cell = cancel.As<Napi::Int32Array>().Data();
  }
  if (on_progress.IsFunction()) {
    progress_ = Napi::ThreadSafeFunction::New(env, on_progress.As<Napi::Function>(), "whisper-progress", 0, 1);
    has_progress_ = true;
  }
}

TranscribeWorker::~TranscribeWorker() = default;

void TranscribeWorker::on_progress(struct whisper_context*, struct whisper_state*, int progress, void* self) {
  auto* w = static_cast<TranscribeWorker*>(self);
  if (!w->has_progress_) return;
  w->progress_.NonBlockingCall([progress](Napi::Env env, Napi::Function fn) {
    fn.Call({Napi::Number::New(env, progress)});
  });
}

bool TranscribeWorker::should_abort(void* self) { return static_cast<TranscribeWorker*>(self)->cancel_.raised(); }

void TranscribeWorker::Execute() {
  whisper_context* ctx = model_->ctx();
  auto started = std::chrono::steady_clock::now();
  whisper_full_params p = whisper_full_default_params(
      opts_.beam_size > 0 ? WHISPER_SAMPLING_BEAM_SEARCH : WHISPER_SAMPLING_GREEDY);
  p.n_threads = opts_.threads;
  p.print_progress = false;
  p.print_realtime = false;
  p.print_special = false;
  p.print_timestamps = false;
  p.translate = opts_.translate;
  p.no_context = opts_.no_context;
  p.token_timestamps = opts_.token_timestamps;
  p.suppress_nst = opts_.suppress_nst;
  p.no_speech_thold = opts_.no_speech_thold;
  p.temperature = opts_.temperature;
  p.temperature_inc = opts_.temperature_inc;
  p.entropy_thold = opts_.entropy_thold;
  p.logprob_thold = opts_.logprob_thold;
  p.audio_ctx = opts_.audio_ctx;
  if (opts_.beam_size > 0) p.beam_search.beam_size = opts_.beam_size;
  p.language = opts_.language.c_str();
  p.detect_language = false;
  if (!opts_.initial_prompt.empty()) p.initial_prompt = opts_.initial_prompt.c_str();
  p.progress_callback = &TranscribeWorker::on_progress;
  p.progress_callback_user_data = this;
  p.abort_callback = &TranscribeWorker::should_abort;
  p.abort_callback_user_data = this;
  if (opts_.vad) {
    p.vad = true;
    p.vad_model_path = opts_.vad_model_path.c_str();
    p.vad_params = opts_.vad_params;
  }

  if (cancel_.raised()) return SetError("cancelled");
  // A fresh state per job, not one reused: whisper_init_state seeds decoder 0's random generator
  // (used by temperature fallback) and whisper_full does not reseed it, so a reused state makes a
  // transcript depend on the jobs before it. The cost is reported as stateInitMs.
  whisper_state* st = whisper_init_state(ctx);
  if (st == nullptr) return SetError("could not allocate whisper state (out of memory?)");
  state_init_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  int rc = whisper_full_with_state(ctx, st, p, pcm_, n_samples_);
  if (cancel_.raised()) {
    whisper_free_state(st);
    return SetError("cancelled");
  }
  if (rc != 0) {
    whisper_free_state(st);
    return SetError("whisper_full failed with code " + std::to_string(rc));
  }

  const whisper_token eot = whisper_token_eot(ctx);
  const int n = whisper_full_n_segments_from_state(st);
  segments_.reserve(n);
  for (int i = 0; i < n; ++i) {
    SegmentOut s;
    s.t0 = whisper_full_get_segment_t0_from_state(st, i);
    s.t1 = whisper_full_get_segment_t1_from_state(st, i);
    s.text = whisper_full_get_segment_text_from_state(st, i);
    s.no_speech_prob = whisper_full_get_segment_no_speech_prob_from_state(st, i);
    const int nt = whisper_full_n_tokens_from_state(st, i);
    for (int j = 0; j < nt; ++j) {
      whisper_token_data d = whisper_full_get_token_data_from_state(st, i, j);
      if (d.id >= eot) continue;  // special and timestamp tokens carry no text
      s.tokens.push_back({d.id, whisper_full_get_token_text_from_state(ctx, st, i, j), d.p, d.t0, d.t1});
    }
    segments_.push_back(std::move(s));
  }
  const int lang_id = whisper_full_lang_id_from_state(st);
  language_ = lang_id >= 0 ? whisper_lang_str(lang_id) : opts_.language;
  whisper_free_state(st);
  elapsed_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

void TranscribeWorker::finish() {
  if (has_progress_) {
    progress_.Release();
    has_progress_ = false;
  }
  model_->job_finished();
}

void TranscribeWorker::OnOK() {
  Napi::Env env = Env();
  finish();
  Napi::Array segs = Napi::Array::New(env, segments_.size());
  for (size_t i = 0; i < segments_.size(); ++i) {
    const SegmentOut& s = segments_[i];
    Napi::Object o = Napi::Object::New(env);
    // whisper.cpp reports times in 10 ms units.
    o.Set("start", s.t0 / 100.0);
    o.Set("end", s.t1 / 100.0);
    o.Set("text", s.text);
    o.Set("noSpeechProb", s.no_speech_prob);
    Napi::Array toks = Napi::Array::New(env, s.tokens.size());
    for (size_t j = 0; j < s.tokens.size(); ++j) {
      const TokenOut& t = s.tokens[j];
      Napi::Object to = Napi::Object::New(env);
      to.Set("id", t.id);
      to.Set("text", t.text);
      to.Set("p", t.p);
      to.Set("start", t.t0 / 100.0);
      to.Set("end", t.t1 / 100.0);
      toks.Set(j, to);
    }
    o.Set("tokens", toks);
    segs.Set(i, o);
  }
  Napi::Object result = Napi::Object::New(env);
  result.Set("segments", segs);
  result.Set("language", language_);
  result.Set("elapsedMs", elapsed_ms_);
  result.Set("stateInitMs", state_init_ms_);
  deferred_.Resolve(result);
}

void TranscribeWorker::OnError(const Napi::Error& e) {
  finish();
  Napi::Error err = Napi::Error::New(Env(), e.Message());
  err.Set("code", e.Message() == "cancelled" ? "ERR_CANCELLED" : "ERR_WHISPER");
  deferred_.Reject(err.Value());
}

class LoadWorker : public Napi::AsyncWorker {
 public:
  // whisper.cpp's own defaults (flash attention on, GPU when one is there) unless the caller says otherwise.
  LoadWorker(Napi::Env env, std::string path, const Napi::Object& opts)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), path_(std::move(path)) {
    params_ = whisper_context_default_params();
    params_.use_gpu = get_or<bool>(opts, "useGpu", params_.use_gpu);
    params_.flash_attn = get_or<bool>(opts, "flashAttention", params_.flash_attn);
  }
  Napi::Promise Promise() { return deferred_.Promise(); }

 protected:
  void Execute() override {
    // No state with the context: every job allocates its own (see TranscribeWorker::Execute), so the
    // one whisper_init_from_file_with_params would add (KV caches, compute buffers) sat unused, ~25 MB resident.
    ctx_ = whisper_init_from_file_with_params_no_state(path_.c_str(), params_);
    if (ctx_ == nullptr) SetError("whisper.cpp could not load the model at " + path_);
  }
  void OnOK() override {
    Napi::Env env = Env();
    Napi::Object m = env.GetInstanceData<Napi::FunctionReference>()->New({Napi::External<whisper_context>::New(env, ctx_),
                                              Napi::Boolean::New(env, params_.flash_attn), Napi::Boolean::New(env, params_.use_gpu)});
    deferred_.Resolve(m);
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  std::string path_;
  whisper_context_params params_;
  whisper_context* ctx_ = nullptr;
};

Napi::Value LoadModel(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsString()) throw Napi::TypeError::New(env, "loadModel: path must be a string");
  Napi::Object opts = info[1].IsObject() ? info[1].As<Napi::Object>() : Napi::Object::New(env);
  auto* w = new LoadWorker(env, info[0].As<Napi::String>().Utf8Value(), opts);
  Napi::Promise p = w->Promise();
  w->Queue();
  return p;
}

// Silero VAD models stay loaded for the life of the process (live capture asks about once a second
// per track); a context is not thread-safe, so calls on the same one take turns.
struct VadModel {
  std::mutex busy;
  whisper_vad_context* ctx = nullptr;
};
std::mutex g_vad_models_mutex;
std::map<std::string, std::shared_ptr<VadModel>> g_vad_models;
std::atomic<int> g_vad_loads{0};

std::shared_ptr<VadModel> vad_model(const std::string& path, int threads) {
  std::lock_guard<std::mutex> lock(g_vad_models_mutex);
  const std::string key = path + "|" + std::to_string(threads);
  auto found = g_vad_models.find(key);
  if (found != g_vad_models.end()) return found->second;
  whisper_vad_context_params cp = whisper_vad_default_context_params();
  cp.n_threads = threads;
  cp.use_gpu = false;
  auto model = std::make_shared<VadModel>();
  model->ctx = whisper_vad_init_from_file_with_params(path.c_str(), cp);
  if (model->ctx == nullptr) return nullptr;  // not cached: the file may appear later
  ++g_vad_loads;
  g_vad_models.emplace(key, model);
  return model;
}

// Standalone Silero VAD: speech spans of a PCM buffer, for chunking live audio.
class VadWorker : public Napi::AsyncWorker {
 public:
  VadWorker(Napi::Env env, std::string model, std::vector<float>&& pcm, whisper_vad_params params, int threads)
      : Napi::AsyncWorker(env),
        deferred_(Napi::Promise::Deferred::New(env)),
        model_(std::move(model)),
        pcm_(std::move(pcm)),
        params_(params),
        threads_(threads) {}
  Napi::Promise Promise() { return deferred_.Promise(); }

 protected:
  void Execute() override {
    std::shared_ptr<VadModel> vad = vad_model(model_, threads_);
    if (vad == nullptr) return SetError("could not load the VAD model at " + model_);
    // whisper_vad_segments_from_samples resets the model's LSTM state first, so calls do not leak into each other.
    std::lock_guard<std::mutex> turn(vad->busy);
    whisper_vad_segments* segs =
        whisper_vad_segments_from_samples(vad->ctx, params_, pcm_.data(), static_cast<int>(pcm_.size()));
    if (segs == nullptr) return SetError("voice activity detection failed");
    const int n = whisper_vad_segments_n_segments(segs);
    for (int i = 0; i < n; ++i) {
      // whisper.cpp returns VAD times in 10 ms units, like segment times.
      spans_.emplace_back(whisper_vad_segments_get_segment_t0(segs, i) / 100.0,
                          whisper_vad_segments_get_segment_t1(segs, i) / 100.0);
    }
    whisper_vad_free_segments(segs);
  }
  void OnOK() override {
    Napi::Env env = Env();
    Napi::Array out = Napi::Array::New(env, spans_.size());
    for (size_t i = 0; i < spans_.size(); ++i) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("start", spans_[i].first);
      o.Set("end", spans_[i].second);
      out.Set(i, o);
    }
    deferred_.Resolve(out);
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  std::string model_;
  std::vector<float> pcm_;
  whisper_vad_params params_;
  int threads_;
  std::vector<std::pair<double, double>> spans_;
};

Napi::Value DetectSpeech(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsString()) throw Napi::TypeError::New(env, "detectSpeech: model path must be a string");
  if (!info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    throw Napi::TypeError::New(env, "detectSpeech: pcm must be a Float32Array of 16 kHz mono samples");
  }
  Napi::Float32Array pcm = info[1].As<Napi::Float32Array>();
  Napi::Object o = info[2].IsObject() ? info[2].As<Napi::Object>() : Napi::Object::New(env);
  whisper_vad_params vp = whisper_vad_default_params();
  vp.threshold = get_or<float>(o, "threshold", vp.threshold);
  vp.min_speech_duration_ms = get_or<int>(o, "minSpeechMs", vp.min_speech_duration_ms);
  vp.min_silence_duration_ms = get_or<int>(o, "minSilenceMs", vp.min_silence_duration_ms);
  vp.speech_pad_ms = get_or<int>(o, "speechPadMs", vp.speech_pad_ms);
  float max_s = get_or<float>(o, "maxSpeechSec", 0.0f);
  if (max_s > 0) vp.max_speech_duration_s = max_s;
  auto* w = new VadWorker(env, info[0].As<Napi::String>().Utf8Value(),
                          std::vector<float>(pcm.Data(), pcm.Data() + pcm.ElementLength()), vp,
                          get_or<int>(o, "threads", 1));
  Napi::Promise p = w->Promise();
  w->Queue();
  return p;
}

Napi::Value VadLoads(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), g_vad_loads.load()); }

#ifdef DEBRIEF_BACKEND_DL
// Runtime CPU dispatch: picks the ggml-cpu variant beside the addon that scores best on this CPU
// (the score is 0 where the CPU lacks a variant's instructions), as ggml_backend_load_all does, but
// names the one it took and lets a lower one be forced. GPU backend modules found there are loaded too.
// Windows builds would use ggml_backend_load_all_from_path instead; only POSIX is wired here.
Napi::Value LoadBackends(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsString()) throw Napi::TypeError::New(env, "loadBackends: dir must be a string");
  const std::string dir = info[0].As<Napi::String>().Utf8Value();
  const std::string forced = info[1].IsString() ? info[1].As<Napi::String>().Utf8Value() : "";
  static std::string loaded_variant;
  static std::vector<std::string> loaded_gpu;
  if (loaded_variant.empty()) {
    const std::string prefix = "libggml-cpu-";
    const std::string suffix = ".so";
    std::string best_path;
    std::string best_variant;
    int best_score = 0;
    DIR* d = opendir(dir.c_str());
    if (d == nullptr) throw Napi::Error::New(env, "no engine libraries at " + dir);
    std::vector<std::string> names;
    while (dirent* e = readdir(d)) names.emplace_back(e->d_name);
    closedir(d);
    for (const std::string& name : names) {
      if (name.rfind(prefix, 0) != 0 || name.size() <= prefix.size() + suffix.size() ||
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
        continue;
      }
      const std::string variant = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
      if (!forced.empty() && variant != forced) continue;
      // Only this variant uses AMX, whose tile loads fault where a VM reports it but does not grant
      // it (SIGILL on q8_0 models); the next best AVX-512 variant runs instead unless it is forced.
      if (forced.empty() && variant == "sapphirerapids") continue;
      const std::string path = dir + "/" + name;
      void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (h == nullptr) continue;
      auto score_fn = reinterpret_cast<int (*)()>(dlsym(h, "ggml_backend_score"));
      const int score = score_fn != nullptr ? score_fn() : 0;
      dlclose(h);
      if (score > best_score) {
        best_score = score;
        best_path = path;
        best_variant = variant;
      }
    }
    if (best_path.empty()) {
      throw Napi::Error::New(env, forced.empty() ? "no CPU engine variant in " + dir + " runs on this CPU"
                                                 : "CPU engine variant " + forced + " is missing or does not run on this CPU");
    }
    if (ggml_backend_load(best_path.c_str()) == nullptr) throw Napi::Error::New(env, "could not load " + best_path);
    loaded_variant = best_variant;
    for (const char* gpu : {"cuda", "vulkan", "metal"}) {
      const std::string path = dir + "/libggml-" + gpu + ".so";
      if (access(path.c_str(), R_OK) == 0 && ggml_backend_load(path.c_str()) != nullptr) loaded_gpu.emplace_back(gpu);
    }
  } else if (!forced.empty() && forced != loaded_variant) {
    throw Napi::Error::New(env, "CPU engine variant " + loaded_variant + " is already loaded in this process");
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("cpuVariant", loaded_variant);
  Napi::Array gpus = Napi::Array::New(env, loaded_gpu.size());
  for (size_t i = 0; i < loaded_gpu.size(); ++i) gpus.Set(i, loaded_gpu[i]);
  out.Set("gpuBackends", gpus);
  return out;
}
#endif

Napi::Value SystemInfo(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), whisper_print_system_info());
}

Napi::Value SetVerbose(const Napi::CallbackInfo& info) {
  g_quiet.store(!(info[0].IsBoolean() && info[0].As<Napi::Boolean>().Value()));
  return info.Env().Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  whisper_log_set(log_sink, nullptr);
  Napi::Function model = Model::Init(env);
  // Per environment, not a static: the main thread and each worker thread load the addon apart, and a
  // class reference from one (a worker since terminated) is not valid in another.
  env.SetInstanceData<Napi::FunctionReference>(new Napi::FunctionReference(Napi::Persistent(model)));
  exports.Set("WhisperModel", model);
  exports.Set("loadModel", Napi::Function::New(env, LoadModel));
  exports.Set("detectSpeech", Napi::Function::New(env, DetectSpeech));
  exports.Set("systemInfo", Napi::Function::New(env, SystemInfo));
  exports.Set("vadLoads", Napi::Function::New(env, VadLoads));
#ifdef DEBRIEF_BACKEND_DL
  exports.Set("loadBackends", Napi::Function::New(env, LoadBackends));
#endif
  exports.Set("setVerbose", Napi::Function::New(env, SetVerbose));
  return exports;
}

}  // namespace

NODE_API_MODULE(debrief_whisper, Init)
