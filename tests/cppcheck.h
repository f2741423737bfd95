/* cppcheck.h - what cppcheck needs of the system headers it is not given:
   cJSON's iteration macro (cjson/cJSON.h), spelled as cJSON 1.7.15 has it. */
#define cJSON_ArrayForEach(element, array) \
    for (element = (array != NULL) ? (array)->child : NULL; element != NULL; \
         element = element->next)
