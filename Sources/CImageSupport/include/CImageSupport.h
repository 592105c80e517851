#ifndef PRIORCUT_CIMAGESUPPORT_H
#define PRIORCUT_CIMAGESUPPORT_H

/// Small C layer between Swift and the classic C image libraries.
///
/// * libpng reports errors with longjmp; Swift frames must never be jumped over, so every libpng call
///   runs here inside a setjmp guard and failures come back as a return code plus a message.
/// * TIFFGetField/TIFFSetField are variadic and cannot be called from Swift; typed wrappers follow.
/// * libtiff prints warnings and errors through global handlers; we capture the last error message
///   per thread so that Swift can put it into a typed error.

#include <stddef.h>
#include <stdint.h>
#include <tiffio.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A decoded PNG: `rows × cols × channels` samples, interleaved, row-major. `bit_depth` is 8 or 16;
/// 16-bit samples are in host byte order. `data` is malloc'ed; release it with `pc_free`.
typedef struct {
    uint32_t rows;
    uint32_t cols;
    uint32_t channels;
    uint32_t bit_depth;
    void *data;
} pc_png_image;

/// Reads a PNG file. Returns 0 on success; otherwise writes a message to `message`.
/// Palette images expand to RGB, gray images of 1/2/4 bits expand to 8 bits; no gamma conversion.
int pc_png_read(const char *path, pc_png_image *image, char *message, size_t message_capacity);

/// Writes a PNG file (channels 1–4, bit depth 8 or 16, host-order samples). Returns 0 on success.
int pc_png_write(const char *path, const pc_png_image *image, int compression_level,
                 char *message, size_t message_capacity);

void pc_free(void *pointer);

/// Routes libtiff's error and warning output into a per-thread buffer (call once; idempotent).
void pc_tiff_install_handlers(void);
/// The last libtiff error message on this thread ("" if none); cleared by `pc_tiff_clear_error`.
const char *pc_tiff_last_error(void);
void pc_tiff_clear_error(void);

int pc_tiff_get_uint32(TIFF *tiff, uint32_t tag, uint32_t *value);
int pc_tiff_get_uint16(TIFF *tiff, uint32_t tag, uint16_t *value);
int pc_tiff_get_uint16_defaulted(TIFF *tiff, uint32_t tag, uint16_t *value);
int pc_tiff_set_uint32(TIFF *tiff, uint32_t tag, uint32_t value);
int pc_tiff_set_uint16(TIFF *tiff, uint32_t tag, uint16_t value);
/// Declares `count` extra samples per pixel (TIFFTAG_EXTRASAMPLES takes a count and an array).
int pc_tiff_set_extra_samples(TIFF *tiff, uint16_t count, const uint16_t *kinds);
/// True when no libtiff error was recorded since the last clear.
int pc_tiff_last_error_is_empty(void);

#ifdef __cplusplus
}
#endif

#endif
