// Seed corpus for the AudioReader+Segmenter fuzzer: short clips (quiet noise, a tone burst, quiet noise)
// written by libsndfile in every container and encoding it can write, plus a few damaged copies.
// Each seed is one option byte (see FuzzInput.swift) followed by the file. Usage: make_seeds OUTDIR
#include <sndfile.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *outdir;
static int written;

static void emit(const char *name, unsigned char option, const unsigned char *bytes, long size) {
    char path[4096];
    snprintf(path, sizeof path, "%s/seed-%s-%02x", outdir, name, option);
    FILE *f = fopen(path, "wb");
    if (!f) { perror(path); exit(1); }
    fputc(option, f);
    fwrite(bytes, 1, (size_t)size, f);
    fclose(f);
    written++;
}

static unsigned char *slurp(const char *path, long *size) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *bytes = malloc((size_t)*size + 1);
    if (fread(bytes, 1, (size_t)*size, f) != (size_t)*size) { fclose(f); free(bytes); return NULL; }
    fclose(f);
    return bytes;
}

static void make(const char *name, int format, int rate, int channels, double seconds) {
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s/.tmp-seed", outdir);
    SF_INFO info = {0};
    info.samplerate = rate;
    info.channels = channels;
    info.format = format;
    SNDFILE *file = sf_open(tmp, SFM_WRITE, &info);
    if (!file) { fprintf(stderr, "skip %s: %s\n", name, sf_strerror(NULL)); return; }
    int frames = (int)(seconds * rate);
    float *samples = calloc((size_t)frames * channels, sizeof(float));
    unsigned state = 12345;
    for (int i = 0; i < frames; i++) {
        double t = (double)i / rate;
        int loud = t > seconds * 0.2 && t < seconds * 0.8;
        for (int c = 0; c < channels; c++) {
            state = state * 1103515245u + 12345u;
            double noise = ((state >> 8) / 16777216.0 - 0.5) * 0.002;
            samples[i * channels + c] = (float)(noise + (loud ? 0.3 * sin(2 * M_PI * 440 * (c + 1) * t) : 0));
        }
    }
    sf_writef_float(file, samples, frames);
    sf_close(file);
    free(samples);
    long size = 0;
    unsigned char *bytes = slurp(tmp, &size);
    remove(tmp);
    if (!bytes) return;
    // Default options, then a few other chunk sizes / segmenter configs / target rates.
    static const unsigned char options[] = {0x00, 0x09, 0x52, 0x1b, 0x64};
    for (size_t i = 0; i < sizeof options; i++) emit(name, options[i], bytes, size);
    char damaged[256];
    snprintf(damaged, sizeof damaged, "%s-half", name);
    emit(damaged, 0x00, bytes, size / 2);
    snprintf(damaged, sizeof damaged, "%s-header", name);
    emit(damaged, 0x00, bytes, size < 64 ? size : 64);
    free(bytes);
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s OUTDIR\n", argv[0]); return 2; }
    outdir = argv[1];
    const int wav = SF_FORMAT_WAV;
    make("wav-u8", wav | SF_FORMAT_PCM_U8, 8000, 1, 0.4);
    make("wav-16", wav | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("wav-16-16k", wav | SF_FORMAT_PCM_16, 16000, 1, 0.4);
    make("wav-16-44k", wav | SF_FORMAT_PCM_16, 44100, 1, 0.1);
    make("wav-24", wav | SF_FORMAT_PCM_24, 8000, 1, 0.4);
    make("wav-32", wav | SF_FORMAT_PCM_32, 8000, 1, 0.4);
    make("wav-float", wav | SF_FORMAT_FLOAT, 8000, 1, 0.4);
    make("wav-double", wav | SF_FORMAT_DOUBLE, 8000, 1, 0.2);
    make("wav-float-stereo", wav | SF_FORMAT_FLOAT, 8000, 2, 0.4);
    make("wav-16-6ch", wav | SF_FORMAT_PCM_16, 8000, 6, 0.2);
    make("wav-ulaw", wav | SF_FORMAT_ULAW, 8000, 1, 0.4);
    make("wav-alaw", wav | SF_FORMAT_ALAW, 8000, 1, 0.4);
    make("wav-ima", wav | SF_FORMAT_IMA_ADPCM, 8000, 1, 0.4);
    make("wav-msadpcm", wav | SF_FORMAT_MS_ADPCM, 8000, 1, 0.4);
    make("wav-gsm", wav | SF_FORMAT_GSM610, 8000, 1, 0.4);
    make("wavex-16", SF_FORMAT_WAVEX | SF_FORMAT_PCM_16, 8000, 2, 0.4);
    make("rf64-16", SF_FORMAT_RF64 | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("w64-16", SF_FORMAT_W64 | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("aiff-16", SF_FORMAT_AIFF | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("aiff-float", SF_FORMAT_AIFF | SF_FORMAT_FLOAT, 8000, 1, 0.4);
    make("au-16", SF_FORMAT_AU | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("caf-16", SF_FORMAT_CAF | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("caf-alac", SF_FORMAT_CAF | SF_FORMAT_ALAC_16, 8000, 1, 0.4);
    make("flac-16", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("flac-24-16k", SF_FORMAT_FLAC | SF_FORMAT_PCM_24, 16000, 1, 0.4);
    make("ogg-vorbis", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 8000, 1, 0.4);
    make("ogg-opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, 16000, 1, 0.4);
    make("mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 16000, 1, 0.4);
    make("nist-16", SF_FORMAT_NIST | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("voc-16", SF_FORMAT_VOC | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("ircam-16", SF_FORMAT_IRCAM | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("paf-16", SF_FORMAT_PAF | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("svx-16", SF_FORMAT_SVX | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("mat5-16", SF_FORMAT_MAT5 | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("htk-16", SF_FORMAT_HTK | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("sds-16", SF_FORMAT_SDS | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("avr-16", SF_FORMAT_AVR | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("wve-alaw", SF_FORMAT_WVE | SF_FORMAT_ALAW, 8000, 1, 0.4);
    make("mpc2k-16", SF_FORMAT_MPC2K | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    make("xi-dpcm", SF_FORMAT_XI | SF_FORMAT_DPCM_16, 8000, 1, 0.4);
    make("pvf-16", SF_FORMAT_PVF | SF_FORMAT_PCM_16, 8000, 1, 0.4);
    // Segmenter mode (option bit 7): (level, length) pairs, level 0..255 = -90..0 dBFS, length (n+1) ms.
    static const unsigned char bursts[][16] = {
        {200, 255, 0, 100, 180, 50, 0, 255, 230, 255, 230, 255, 0, 20, 200, 255},  // events, short and long gaps
        {127, 255, 128, 255, 127, 10, 128, 10, 127, 255, 0, 0, 128, 255, 127, 0},  // around -45 dBFS
        {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 0, 149, 255, 255, 0, 150, },        // clicks, gaps near 150 ms
    };
    static const unsigned char burst_options[] = {0x80, 0x89, 0x92, 0x9b, 0xa4, 0xad, 0xb6, 0xff};
    for (size_t b = 0; b < sizeof bursts / sizeof bursts[0]; b++) {
        for (size_t i = 0; i < sizeof burst_options; i++) {
            char name[64];
            snprintf(name, sizeof name, "bursts-%zu", b);
            emit(name, burst_options[i], bursts[b], sizeof bursts[b]);
        }
    }
    // Not audio at all.
    static const char text[] = "these are not samples\n";
    emit("text", 0x00, (const unsigned char *)text, (long)strlen(text));
    emit("empty", 0x00, (const unsigned char *)"", 0);
    printf("%d seeds in %s\n", written, outdir);
    return 0;
}
