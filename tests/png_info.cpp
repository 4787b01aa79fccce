// Prints "WIDTH HEIGHT DISTINCT_COLOURS" of a PNG, for the end-to-end screenshot test.
#include <stb_image.h>

#include <cstdio>
#include <cstdint>
#include <unordered_set>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: png_info FILE.png\n");
        return 2;
    }
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(argv[1], &w, &h, &n, 4);
    if (!px) {
        std::fprintf(stderr, "png_info: cannot read %s: %s\n", argv[1], stbi_failure_reason());
        return 1;
    }
    std::unordered_set<std::uint32_t> colours;
    for (long i = 0; i < static_cast<long>(w) * h; ++i) {
        const unsigned char* p = px + i * 4;
        colours.insert(static_cast<std::uint32_t>(p[0]) << 16 | static_cast<std::uint32_t>(p[1]) << 8 | p[2]);
    }
    std::printf("%d %d %zu\n", w, h, colours.size());
    stbi_image_free(px);
    return 0;
}
