/* fuzz_eforms.c - libFuzzer target: the notice reader on eForms (UBL) notices.
   Its corpus seeds are eforms notices; the reader detects the format by
   content, so mutations also reach the other readers and the detection. */
#include <stdint.h>

#include "notice_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_notice_read("fuzz.eforms", (const char *)data, size);
    return 0;
}
