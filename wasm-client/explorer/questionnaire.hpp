// The short questionnaire, drawn: the answers (answers.hpp) as widgets.
#pragma once

#include "answers.hpp"

namespace blendin::explorer {

class App;

void draw_questionnaire(App& app);

}  // namespace blendin::explorer
