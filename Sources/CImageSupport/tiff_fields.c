#include "CImageSupport.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char pc_tiff_error_text[512];

static void pc_tiff_error_handler(const char *module, const char *format, va_list arguments) {
    char text[400];
    vsnprintf(text, sizeof(text), format, arguments);
    if (module && module[0]) {
        snprintf(pc_tiff_error_text, sizeof(pc_tiff_error_text), "%s: %s", module, text);
    } else {
        snprintf(pc_tiff_error_text, sizeof(pc_tiff_error_text), "%s", text);
    }
}

static void pc_tiff_warning_handler(const char *module, const char *format, va_list arguments) {
    (void)module;
    (void)format;
    (void)arguments; /* unknown tags and the like are not failures */
}

void pc_tiff_install_handlers(void) {
    TIFFSetErrorHandler(pc_tiff_error_handler);
    TIFFSetWarningHandler(pc_tiff_warning_handler);
}

const char *pc_tiff_last_error(void) { return pc_tiff_error_text; }
void pc_tiff_clear_error(void) { pc_tiff_error_text[0] = 0; }

int pc_tiff_get_uint32(TIFF *tiff, uint32_t tag, uint32_t *value) { return TIFFGetField(tiff, tag, value); }
int pc_tiff_get_uint16(TIFF *tiff, uint32_t tag, uint16_t *value) { return TIFFGetField(tiff, tag, value); }
int pc_tiff_get_uint16_defaulted(TIFF *tiff, uint32_t tag, uint16_t *value) {
    return TIFFGetFieldDefaulted(tiff, tag, value);
}
int pc_tiff_set_uint32(TIFF *tiff, uint32_t tag, uint32_t value) { return TIFFSetField(tiff, tag, value); }
int pc_tiff_set_uint16(TIFF *tiff, uint32_t tag, uint16_t value) { return TIFFSetField(tiff, tag, (int)value); }
int pc_tiff_set_extra_samples(TIFF *tiff, uint16_t count, const uint16_t *kinds) {
    return TIFFSetField(tiff, TIFFTAG_EXTRASAMPLES, (int)count, kinds);
}
int pc_tiff_last_error_is_empty(void) { return pc_tiff_error_text[0] == 0; }
