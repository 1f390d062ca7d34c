#include "barcode/JpegGray.h"

#include "barcode/ImageLimits.h"

#include <algorithm>
#include <csetjmp>
#include <cstdio> // jpeglib.h needs FILE
#include <memory>
#include <new>

#include <jpeglib.h>

namespace kp::barcode {

namespace {

// libjpeg reports an error by calling error_exit, which must not return: it
// jumps back to decode(). Only plain data crosses the jump.
struct ErrorManager
{
    jpeg_error_mgr pub;
    std::jmp_buf jump;
};

[[noreturn]] void leave(j_common_ptr info)
{
    std::longjmp(reinterpret_cast<ErrorManager*>(info->err)->jump, 1);
}

// Nothing printed: warnings are counted (num_warnings) and refused.
void keepQuiet(j_common_ptr) {}

struct Job
{
    const uchar* bytes;
    unsigned long size;
    int minSide;
    int fullWidth;
    int fullHeight;
    int width;
    int height;
    uchar* pixels; // new[]'ed, the caller's to delete
};

// Most libjpeg may allocate for one picture (a baseline JPEG needs a few rows).
constexpr long MaxDecoderMemory = 64L * 1024 * 1024;

bool decode(Job* job)
{
    jpeg_decompress_struct info{};
    ErrorManager errors{};
    info.err = jpeg_std_error(&errors.pub);
    errors.pub.error_exit = leave;
    errors.pub.output_message = keepQuiet;
    if (setjmp(errors.jump)) {
        jpeg_destroy_decompress(&info);
        return false;
    }
    jpeg_create_decompress(&info);
    info.mem->max_memory_to_use = MaxDecoderMemory;
    jpeg_mem_src(&info, job->bytes, job->size);
    const bool usable = jpeg_read_header(&info, TRUE) == JPEG_HEADER_OK && !info.progressive_mode &&
                        (info.jpeg_color_space == JCS_GRAYSCALE || info.jpeg_color_space == JCS_YCbCr) &&
                        qint64(info.image_width) * info.image_height <= MaxImagePixels &&
                        std::min(info.image_width, info.image_height) >= JDIMENSION(job->minSide);
    if (!usable) {
        jpeg_destroy_decompress(&info);
        return false;
    }
    job->fullWidth = int(info.image_width);
    job->fullHeight = int(info.image_height);
    info.out_color_space = JCS_GRAYSCALE;
    info.scale_num = 1;
    info.scale_denom = 2;
    info.dct_method = JDCT_ISLOW; // as Qt's JPEG plugin reads at its default quality
    jpeg_start_decompress(&info);
    job->width = int(info.output_width);
    job->height = int(info.output_height);
    job->pixels = new (std::nothrow) uchar[size_t(job->width) * size_t(job->height)];
    if (!job->pixels || info.output_components != 1) {
        jpeg_destroy_decompress(&info);
        return false;
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = job->pixels + size_t(info.output_scanline) * size_t(job->width);
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    const bool clean = errors.pub.num_warnings == 0;
    jpeg_destroy_decompress(&info);
    return clean;
}

} // namespace

std::optional<JpegHalf> decodeJpegGrayHalf(const QByteArray& bytes, int minSide)
{
    // A JPEG starts with SOI and a marker; anything else is not looked at.
    if (bytes.size() < 4 || uchar(bytes[0]) != 0xff || uchar(bytes[1]) != 0xd8 || uchar(bytes[2]) != 0xff)
        return std::nullopt;
    Job job{reinterpret_cast<const uchar*>(bytes.constData()),
            (unsigned long)bytes.size(),
            minSide,
            0,
            0,
            0,
            0,
            nullptr};
    const bool decoded = decode(&job);
    std::unique_ptr<uchar[]> pixels(job.pixels);
    if (!decoded)
        return std::nullopt;
    return JpegHalf{GrayImage::adopt(std::move(pixels), job.width, job.height), job.fullWidth,
                    job.fullHeight};
}

} // namespace kp::barcode
