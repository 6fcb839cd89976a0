# The GUI app: Dear ImGui (Debian's imgui 1.86 sources) + our views + the platform layer.
if(NOT EXISTS ${NNLAB_IMGUI_DIR}/imgui.cpp)
  message(FATAL_ERROR "Dear ImGui sources not found in ${NNLAB_IMGUI_DIR}: run scripts/setup.sh (make does)")
endif()

add_library(imgui STATIC
  ${NNLAB_IMGUI_DIR}/imgui.cpp ${NNLAB_IMGUI_DIR}/imgui_draw.cpp
  ${NNLAB_IMGUI_DIR}/imgui_tables.cpp ${NNLAB_IMGUI_DIR}/imgui_widgets.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${NNLAB_IMGUI_DIR})
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
target_compile_options(imgui PRIVATE -w)  # third-party code: its warnings are not ours to fix
# ImGui's item hooks (its test engine's): the app's keyboard navigation learns every item's place
# in the Tab order from them (src/app/input/keyboard.h, which defines the hook functions).
target_compile_definitions(imgui PRIVATE IMGUI_ENABLE_TEST_ENGINE)
if(NNLAB_SANITIZE)
  target_link_libraries(imgui PUBLIC nnlab_flags)
endif()

# The UI fonts. Latin, Greek and maths: Debian's fonts-dejavu-core, cut by fonttools' pyftsubset to
# the ranges the atlas takes from it (generated/latin-ranges.txt, from scripts/strings.py; 78 KB
# gzipped instead of 382 KB), embedded. Chinese: Debian's
# fonts-wqy-microhei (TrueType outlines), cut at build time by fonttools' pyftsubset to exactly the
# characters the Chinese string table uses (generated/zh-chars.txt, from scripts/strings.py):
# ui-zh.ttf is embedded in the desktop app and downloaded by the page only when Chinese is shown;
# ui-zh-switch.ttf (the Chinese shown in every language: 中文 on the language switch and the
# glossary's Chinese terms) is embedded in both.
set(NNLAB_LATIN_SOURCE /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)
set(NNLAB_FONT ${CMAKE_BINARY_DIR}/generated/DejaVuSans.ttf)
set(NNLAB_CJK_SOURCE /usr/share/fonts/truetype/wqy/wqy-microhei.ttc)
find_program(NNLAB_PYFTSUBSET pyftsubset REQUIRED)
set(NNLAB_ZH_FONT ${CMAKE_BINARY_DIR}/generated/ui-zh.ttf)
set(NNLAB_ZH_SWITCH_FONT ${CMAKE_BINARY_DIR}/generated/ui-zh-switch.ttf)
set(NNLAB_SUBSET_FLAGS --font-number=0 --no-hinting --layout-features= --name-IDs=0,1,2,3,4,5,6,13,14
  --drop-tables+=FFTM)
add_custom_command(OUTPUT ${NNLAB_FONT}
  COMMAND ${NNLAB_PYFTSUBSET} ${NNLAB_LATIN_SOURCE} ${NNLAB_SUBSET_FLAGS} --unicodes-file=${NNLAB_LATIN_RANGES}
    --output-file=${NNLAB_FONT}
  DEPENDS ${NNLAB_LATIN_RANGES} COMMENT "Cutting the Latin font to the ranges the app draws" VERBATIM)
add_custom_command(OUTPUT ${NNLAB_ZH_FONT}
  COMMAND ${NNLAB_PYFTSUBSET} ${NNLAB_CJK_SOURCE} ${NNLAB_SUBSET_FLAGS} --unicodes-file=${NNLAB_ZH_CHARS}
    --output-file=${NNLAB_ZH_FONT}
  DEPENDS ${NNLAB_ZH_CHARS} COMMENT "Cutting the Chinese font to the string table's characters" VERBATIM)
add_custom_command(OUTPUT ${NNLAB_ZH_SWITCH_FONT}
  COMMAND ${NNLAB_PYFTSUBSET} ${NNLAB_CJK_SOURCE} ${NNLAB_SUBSET_FLAGS} --unicodes-file=${NNLAB_ZH_ALWAYS_CHARS}
    --output-file=${NNLAB_ZH_SWITCH_FONT}
  DEPENDS ${NNLAB_ZH_ALWAYS_CHARS} COMMENT "Cutting the Chinese every language shows" VERBATIM)
add_custom_target(nnlab_zh_font DEPENDS ${NNLAB_ZH_FONT})
if(EMSCRIPTEN)
  nnlab_embed(NNLAB_FONT_EMBED fonts ${NNLAB_FONT} ${NNLAB_ZH_SWITCH_FONT})
else()
  nnlab_embed(NNLAB_FONT_EMBED fonts ${NNLAB_FONT} ${NNLAB_ZH_SWITCH_FONT} ${NNLAB_ZH_FONT})
endif()
file(GLOB_RECURSE NNLAB_APP_SOURCES CONFIGURE_DEPENDS src/app/*.cpp)
add_library(nnlab_app STATIC ${NNLAB_APP_SOURCES} ${NNLAB_FONT_EMBED})
target_link_libraries(nnlab_app PUBLIC nnlab_playground nnlab_lab nnlab_lessons nnlab_data imgui)
target_compile_definitions(nnlab_app PRIVATE NNLAB_VERSION="${PROJECT_VERSION}")

# Shaders (no #version line; the platform prepends it), embedded at build time.
file(GLOB NNLAB_SHADERS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/shaders/*.glsl)
nnlab_embed(NNLAB_SHADER_EMBED shaders ${NNLAB_SHADERS})

file(GLOB NNLAB_PLATFORM_SOURCES CONFIGURE_DEPENDS src/platform/*.cpp)  # not worker/: its own module
add_executable(nnlab ${NNLAB_PLATFORM_SOURCES} ${NNLAB_SHADER_EMBED}
  ${NNLAB_IMGUI_DIR}/backends/imgui_impl_glfw.cpp ${NNLAB_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(nnlab SYSTEM PRIVATE ${NNLAB_IMGUI_DIR}/backends)
target_link_libraries(nnlab PRIVATE nnlab_app)

if(EMSCRIPTEN)
  target_compile_definitions(nnlab PRIVATE IMGUI_IMPL_OPENGL_ES3)
  target_link_options(nnlab PRIVATE -sUSE_GLFW=3 -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
    -sFULL_ES3=1 -sMODULARIZE=0 -sEXPORTED_RUNTIME_METHODS=ccall,cwrap,UTF8ToString,HEAPU8
    -sEXPORTED_FUNCTIONS=_main,_nnlab_command,_nnlab_state,_nnlab_open_file,_nnlab_pointer,_nnlab_wheel,_nnlab_text_field,_nnlab_link_from_url,_malloc,_free
    -sENVIRONMENT=web -sINITIAL_MEMORY=67108864)
  # The page: our shell next to the .js/.wasm, so build/web/ is the whole site.
  file(GLOB NNLAB_WEB_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/*.html ${CMAKE_SOURCE_DIR}/web/*.css
    ${CMAKE_SOURCE_DIR}/web/*.js)
  # (copied whenever one changes, not only when nnlab links)
  set(NNLAB_SITE_SHELL)
  foreach(f ${NNLAB_WEB_FILES})
    get_filename_component(n ${f} NAME)
    add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/site/${n}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/site
      COMMAND ${CMAKE_COMMAND} -E copy ${f} ${CMAKE_BINARY_DIR}/site/${n} DEPENDS ${f} VERBATIM)
    list(APPEND NNLAB_SITE_SHELL ${CMAKE_BINARY_DIR}/site/${n})
  endforeach()
  add_custom_target(nnlab_site_shell ALL DEPENDS ${NNLAB_SITE_SHELL})
  add_dependencies(nnlab nnlab_site_shell)
  add_custom_command(TARGET nnlab POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E copy_if_different $<TARGET_FILE_DIR:nnlab>/nnlab.js $<TARGET_FILE_DIR:nnlab>/nnlab.wasm
      ${CMAKE_BINARY_DIR}/site/ VERBATIM)
  # The page's MNIST pack (cmake/mnist.cmake) and a gzip copy of the .wasm: web/shell.js fetches
  # both .gz files and inflates them with DecompressionStream, so the page transfers ≤ 3 MB.
  add_custom_command(TARGET nnlab POST_BUILD
    COMMAND Python3::Interpreter ${CMAKE_SOURCE_DIR}/scripts/gzip_file.py $<TARGET_FILE_DIR:nnlab>/nnlab.wasm
      ${CMAKE_BINARY_DIR}/site/nnlab.wasm.gz
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${NNLAB_MNIST_PACK_GZ} ${CMAKE_BINARY_DIR}/site/
    COMMAND Python3::Interpreter ${CMAKE_SOURCE_DIR}/scripts/gzip_file.py ${NNLAB_ZH_FONT} ${CMAKE_BINARY_DIR}/site/ui-zh.ttf.gz
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${NNLAB_SHELL_STRINGS} ${CMAKE_BINARY_DIR}/site/
    VERBATIM)

  # The lab's trainer for the page's Web Worker (web/train-worker.js): the lab's engine in a module
  # of its own, linking the core, the data layer and the lab only (no ImGui, no GL), fetched
  # gzipped like nnlab.wasm.
  add_executable(nnlab_trainer src/platform/worker/trainer_main.cpp)
  set_target_properties(nnlab_trainer PROPERTIES OUTPUT_NAME nnlab-trainer)
  target_link_libraries(nnlab_trainer PRIVATE nnlab_lab)
  target_link_options(nnlab_trainer PRIVATE -sENVIRONMENT=worker -sMODULARIZE=1 -sEXPORT_NAME=createTrainer
    -sINITIAL_MEMORY=67108864 -sEXPORTED_RUNTIME_METHODS=HEAPU8
    -sEXPORTED_FUNCTIONS=_trainer_command,_trainer_update,_trainer_snapshot,_trainer_snapshot_data,_malloc,_free)
  add_custom_command(TARGET nnlab_trainer POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/site
    COMMAND ${CMAKE_COMMAND} -E copy_if_different $<TARGET_FILE_DIR:nnlab_trainer>/nnlab-trainer.js ${CMAKE_BINARY_DIR}/site/
    COMMAND Python3::Interpreter ${CMAKE_SOURCE_DIR}/scripts/gzip_file.py $<TARGET_FILE_DIR:nnlab_trainer>/nnlab-trainer.wasm
      ${CMAKE_BINARY_DIR}/site/nnlab-trainer.wasm.gz VERBATIM)
  add_dependencies(nnlab nnlab_trainer nnlab_zh_font)
else()
  find_package(glfw3 3.3 REQUIRED)
  find_package(OpenGL REQUIRED)
  target_link_libraries(nnlab PRIVATE glfw OpenGL::GL stb)
endif()
