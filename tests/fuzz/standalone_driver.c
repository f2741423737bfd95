/* standalone_driver.c - runs a libFuzzer target over files and directories
   without libFuzzer (libgit2's habit), so every corpus replays as an
   ordinary ctest with any compiler. usage: fuzz_X PATH... */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(buf);
        return 1;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(buf, (size_t)n);
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    int files = 0, errors = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "cannot stat %s\n", argv[i]);
            errors++;
        } else if (S_ISDIR(st.st_mode)) {
            DIR *dp = opendir(argv[i]);
            struct dirent *de;
            while (dp && (de = readdir(dp)) != NULL) {
                if (de->d_name[0] == '.')
                    continue;
                char p[4096];
                snprintf(p, sizeof p, "%s/%s", argv[i], de->d_name);
                errors += run_file(p);
                files++;
            }
            if (dp)
                closedir(dp);
        } else {
            errors += run_file(argv[i]);
            files++;
        }
    }
    printf("replayed %d inputs: %d passed, %d failed\n", files, files - errors, errors);
    return errors || files == 0;
}
