// Boost.JSON's implementation, compiled once for every target (native and emcc).
#include <boost/json/src.hpp>
