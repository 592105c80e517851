#include "CImageSupport.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *message;
    size_t capacity;
} pc_png_error_sink;

static void pc_png_error(png_structp png, png_const_charp text) {
    pc_png_error_sink *sink = (pc_png_error_sink *)png_get_error_ptr(png);
    if (sink && sink->message && sink->capacity > 0) {
        snprintf(sink->message, sink->capacity, "%s", text);
    }
    png_longjmp(png, 1);
}

static void pc_png_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text; /* warnings (e.g. unknown chunks) are not failures */
}

static void pc_set_message(char *message, size_t capacity, const char *text) {
    if (message && capacity > 0) snprintf(message, capacity, "%s", text);
}

int pc_png_read(const char *path, pc_png_image *image, char *message, size_t message_capacity) {
    memset(image, 0, sizeof(*image));
    FILE *file = fopen(path, "rb");
    if (!file) {
        pc_set_message(message, message_capacity, "cannot open file for reading");
        return 1;
    }
    unsigned char signature[8];
    if (fread(signature, 1, 8, file) != 8 || png_sig_cmp(signature, 0, 8) != 0) {
        fclose(file);
        pc_set_message(message, message_capacity, "not a PNG file (bad signature)");
        return 2;
    }
    pc_png_error_sink sink = {message, message_capacity};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &sink, pc_png_error, pc_png_warning);
    if (!png) {
        fclose(file);
        pc_set_message(message, message_capacity, "out of memory");
        return 3;
    }
    png_infop info = png_create_info_struct(png);
    /* volatile: modified between setjmp and a possible longjmp. */
    unsigned char *volatile buffer = NULL;
    png_bytep *volatile row_pointers = NULL;
    if (!info || setjmp(png_jmpbuf(png))) {
        free(buffer);
        free(row_pointers);
        png_destroy_read_struct(&png, info ? &info : NULL, NULL);
        fclose(file);
        if (message && message_capacity > 0 && message[0] == 0) {
            pc_set_message(message, message_capacity, "corrupt PNG data");
        }
        return 4;
    }
    png_init_io(png, file);
    png_set_sig_bytes(png, 8);
    png_read_info(png, info);

    int color_type = png_get_color_type(png, info);
    int bit_depth = png_get_bit_depth(png, info);
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (bit_depth == 16) png_set_swap(png); /* PNG is big-endian; hand out host order */
    png_set_interlace_handling(png);
    png_read_update_info(png, info);

    uint32_t rows = png_get_image_height(png, info);
    uint32_t cols = png_get_image_width(png, info);
    uint32_t channels = png_get_channels(png, info);
    uint32_t depth = png_get_bit_depth(png, info);
    size_t row_bytes = png_get_rowbytes(png, info);
    if (rows == 0 || cols == 0 || (depth != 8 && depth != 16)) {
        pc_set_message(message, message_capacity, "unsupported PNG layout");
        png_longjmp(png, 1);
    }
    buffer = (unsigned char *)malloc(row_bytes * rows);
    row_pointers = (png_bytep *)malloc(sizeof(png_bytep) * rows);
    if (!buffer || !row_pointers) {
        pc_set_message(message, message_capacity, "out of memory");
        png_longjmp(png, 1);
    }
    for (uint32_t r = 0; r < rows; r++) row_pointers[r] = buffer + (size_t)r * row_bytes;
    png_read_image(png, row_pointers);
    png_read_end(png, NULL);

    free(row_pointers);
    png_destroy_read_struct(&png, &info, NULL);
    fclose(file);
    image->rows = rows;
    image->cols = cols;
    image->channels = channels;
    image->bit_depth = depth;
    image->data = buffer;
    return 0;
}

int pc_png_write(const char *path, const pc_png_image *image, int compression_level,
                 char *message, size_t message_capacity) {
    if (image->channels < 1 || image->channels > 4 || (image->bit_depth != 8 && image->bit_depth != 16) ||
        image->rows == 0 || image->cols == 0) {
        pc_set_message(message, message_capacity, "unsupported PNG layout for writing");
        return 1;
    }
    FILE *file = fopen(path, "wb");
    if (!file) {
        pc_set_message(message, message_capacity, "cannot open file for writing");
        return 2;
    }
    pc_png_error_sink sink = {message, message_capacity};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, pc_png_error, pc_png_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    png_bytep *volatile row_pointers = NULL;
    if (!png || !info || setjmp(png_jmpbuf(png))) {
        free(row_pointers);
        if (png) png_destroy_write_struct(&png, info ? &info : NULL);
        fclose(file);
        if (message && message_capacity > 0 && message[0] == 0) {
            pc_set_message(message, message_capacity, "PNG write failed");
        }
        return 3;
    }
    static const int color_types[5] = {0, PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB,
                                       PNG_COLOR_TYPE_RGB_ALPHA};
    png_init_io(png, file);
    png_set_compression_level(png, compression_level);
    png_set_IHDR(png, info, image->cols, image->rows, (int)image->bit_depth, color_types[image->channels],
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    if (image->bit_depth == 16) png_set_swap(png);
    size_t row_bytes = (size_t)image->cols * image->channels * (image->bit_depth / 8);
    row_pointers = (png_bytep *)malloc(sizeof(png_bytep) * image->rows);
    if (!row_pointers) {
        pc_set_message(message, message_capacity, "out of memory");
        png_longjmp(png, 1);
    }
    for (uint32_t r = 0; r < image->rows; r++) row_pointers[r] = (png_bytep)image->data + (size_t)r * row_bytes;
    png_write_image(png, row_pointers);
    png_write_end(png, NULL);
    free(row_pointers);
    png_destroy_write_struct(&png, &info);
    if (fclose(file) != 0) {
        pc_set_message(message, message_capacity, "cannot finish writing file");
        return 4;
    }
    return 0;
}

void pc_free(void *pointer) { free(pointer); }
