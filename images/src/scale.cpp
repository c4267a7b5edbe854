// Scaling down by area averaging: each new pixel is the mean of the source
// area it covers, parts of pixels weighted by the part covered, so that fine
// detail (text on a poster, a logo's thin lines) does not turn into moiré as it
// does when a few pixels are sampled. Separable: rows first, then columns.
// Colours with alpha are averaged premultiplied, so that a transparent pixel's
// hidden colour does not bleed into its neighbours.
#include "pixels.hpp"

#include <algorithm>
#include <cmath>

namespace blendin::images {

namespace {

// The source pixels that one new pixel covers, and how much of each.
struct Taps {
  int first = 0;
  std::vector<float> weights;
};

std::vector<Taps> taps_for(int from, int to) {
  std::vector<Taps> all(static_cast<std::size_t>(to));
  const double ratio = static_cast<double>(from) / to;
  for (int o = 0; o < to; ++o) {
    const double begin = o * ratio, end = std::min<double>(from, (o + 1) * ratio);
    Taps& taps = all[static_cast<std::size_t>(o)];
    taps.first = static_cast<int>(begin);
    const int last = std::min(from, static_cast<int>(std::ceil(end)));
    double total = 0;
    std::vector<double> covered;
    for (int i = taps.first; i < last; ++i) {
      covered.push_back(std::min<double>(end, i + 1) - std::max<double>(begin, i));
      total += covered.back();
    }
    for (double part : covered) taps.weights.push_back(static_cast<float>(part / total));
  }
  return all;
}

}  // namespace

bool swaps_sides(int orientation) { return orientation >= 5 && orientation <= 8; }

// Row by row, so that no image-sized buffer is made besides the result: each
// new row is the weighted sum of the source rows it covers, each of those
// scaled across first. Neighbouring new rows share at most one source row,
// which is kept.
Pixels scaled(const Pixels& source, int width, int height, int orientation) {
  const int c = source.channels;
  const bool alpha = c == 4;
  const std::size_t w = static_cast<std::size_t>(source.width), tw = static_cast<std::size_t>(width);
  const auto across = taps_for(source.width, width), down = taps_for(source.height, height);
  std::vector<float> line(tw * c), kept(tw * c), sum(tw * c);
  int kept_row = -1;
  const auto scale_across = [&](int y, std::vector<float>& out) {
    std::fill(out.begin(), out.end(), 0.0f);
    const std::uint8_t* row = &source.data[std::size_t(y) * w * c];
    for (std::size_t x = 0; x < tw; ++x) {
      const Taps& taps = across[x];
      float* o = &out[x * c];
      for (std::size_t i = 0; i < taps.weights.size(); ++i) {
        const std::uint8_t* px = row + (taps.first + i) * c;
        const float weight = taps.weights[i];
        if (alpha) {
          const float a = px[3] * weight;
          for (int k = 0; k < 3; ++k) o[k] += px[k] * a / 255.0f;
          o[3] += a;
        } else {
          for (int k = 0; k < c; ++k) o[k] += px[k] * weight;
        }
      }
    }
  };
  Pixels result;
  result.channels = c;
  result.width = swaps_sides(orientation) ? height : width;
  result.height = swaps_sides(orientation) ? width : height;
  result.data.resize(tw * std::size_t(height) * c);
  const auto to_byte = [](float v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 255.0f))); };
  for (int y = 0; y < height; ++y) {
    const Taps& taps = down[static_cast<std::size_t>(y)];
    std::fill(sum.begin(), sum.end(), 0.0f);
    for (std::size_t i = 0; i < taps.weights.size(); ++i) {
      const int row = taps.first + static_cast<int>(i);
      const bool last = i + 1 == taps.weights.size();
      if (row != kept_row) scale_across(row, last ? kept : line);
      const std::vector<float>& scaled_row = row == kept_row || last ? kept : line;
      if (last) kept_row = row;
      for (std::size_t j = 0; j < tw * c; ++j) sum[j] += scaled_row[j] * taps.weights[i];
    }
    for (int x = 0; x < width; ++x) {
      const float* px = &sum[std::size_t(x) * c];
      const float a = alpha ? px[3] : 255.0f;
      const auto [X, Y] = shown_at(x, y, width, height, orientation);
      std::uint8_t* out = &result.data[(std::size_t(Y) * result.width + X) * c];
      for (int k = 0; k < c; ++k) out[k] = to_byte(alpha && k < 3 ? (a > 0 ? px[k] * 255.0f / a : 0.0f) : px[k]);
    }
  }
  return result;
}

// EXIF's eight orientations: where the pixel at (x, y) of a stored image
// w × h is shown.
std::pair<int, int> shown_at(int x, int y, int w, int h, int orientation) {
  switch (orientation) {
    case 2: return {w - 1 - x, y};          // mirrored
    case 3: return {w - 1 - x, h - 1 - y};  // half a turn
    case 4: return {x, h - 1 - y};          // mirrored upside down
    case 5: return {y, x};                  // mirrored along the diagonal
    case 6: return {h - 1 - y, x};          // stored a quarter turn to the left
    case 7: return {h - 1 - y, w - 1 - x};  // mirrored along the other diagonal
    case 8: return {y, w - 1 - x};          // stored a quarter turn to the right
    default: return {x, y};
  }
}

}  // namespace blendin::images
