/* fuzz_ted.c - libFuzzer target: the notice reader on older TED XML (TED_EXPORT R2.0.8/R2.0.9) notices.
   Its corpus seeds are ted notices; the reader detects the format by
   content, so mutations also reach the other readers and the detection. */
#include <stdint.h>

#include "notice_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_notice_read("fuzz.ted", (const char *)data, size);
    return 0;
}
