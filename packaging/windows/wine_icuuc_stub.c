/*
 * A stand-in for Windows' system icuuc.dll, for the Wine CI check only (scripts/ci_windows_wine.sh).
 *
 * Why: PySide6 >= 6.10's Qt6Core.dll links against the ICU that Windows 10 1903+ ships as
 * C:\Windows\System32\icuuc.dll. Wine 8 has no such DLL, so without this stand-in QtCore does not load
 * under Wine at all (and PyInstaller silently bundles no Qt plugins). Qt only uses these converter
 * functions for text codecs it does not implement itself (nothing the app needs), so a DLL whose every
 * function fails the way ICU fails without its data is enough: Qt then falls back to its built-in codecs.
 *
 * It goes into the Wine prefix's system32 only, never into the app bundle or the installer: on real
 * Windows the system's own icuuc.dll is used. The CI script checks that this file exports every icuuc
 * function Qt6Core.dll imports, and fails (naming the missing ones) when a new Qt needs more.
 *
 * Signatures follow ICU's public C API (unicode/ucnv.h, unicode/ucnv_err.h); the types are reduced to
 * what the calling convention needs. Build:
 *     x86_64-w64-mingw32-gcc -shared -O2 -s -o icuuc.dll wine_icuuc_stub.c
 */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)

typedef int UErrorCode;          /* ICU: > 0 is a failure, <= 0 success or warning */
typedef int8_t UBool;
typedef uint16_t UChar;
typedef int32_t UChar32;
typedef int UConverterCallbackReason;
typedef struct UConverter UConverter;
typedef struct UConverterFromUnicodeArgs UConverterFromUnicodeArgs;
typedef struct UConverterToUnicodeArgs UConverterToUnicodeArgs;
typedef void (*UConverterToUCallback)(const void *, UConverterToUnicodeArgs *, const char *, int32_t,
                                      UConverterCallbackReason, UErrorCode *);
typedef void (*UConverterFromUCallback)(const void *, UConverterFromUnicodeArgs *, const UChar *, int32_t,
                                        UChar32, UConverterCallbackReason, UErrorCode *);

enum {
    U_ILLEGAL_ARGUMENT_ERROR = 1,
    U_FILE_ACCESS_ERROR = 4,     /* what ICU reports when its converter data cannot be found */
    U_UNSUPPORTED_ERROR = 16,
};

/* ICU's convention: a function called with a failure already in *err does nothing; otherwise set one. */
static void fail(UErrorCode *err, UErrorCode code)
{
    if (err != NULL && *err <= 0)
        *err = code;
}

/* No converter can be opened, so no function below is ever handed a real converter. */
EXPORT UConverter *ucnv_open(const char *name, UErrorCode *err)
{
    (void)name;
    fail(err, U_FILE_ACCESS_ERROR);
    return NULL;
}

EXPORT void ucnv_close(UConverter *converter) { (void)converter; }

EXPORT void ucnv_reset(UConverter *converter) { (void)converter; }

EXPORT int8_t ucnv_getMaxCharSize(const UConverter *converter)
{
    (void)converter;
    return 1;
}

EXPORT const char *ucnv_getName(const UConverter *converter, UErrorCode *err)
{
    (void)converter;
    fail(err, U_ILLEGAL_ARGUMENT_ERROR);
    return NULL;
}

EXPORT int32_t ucnv_countAvailable(void) { return 0; }

EXPORT const char *ucnv_getAvailableName(int32_t n)
{
    (void)n;
    return NULL;
}

EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{
    (void)name;
    (void)standard;
    fail(err, U_FILE_ACCESS_ERROR);
    return NULL;
}

EXPORT void ucnv_getToUCallBack(const UConverter *converter, UConverterToUCallback *action, const void **context)
{
    (void)converter;
    if (action != NULL)
        *action = NULL;
    if (context != NULL)
        *context = NULL;
}

EXPORT void ucnv_getFromUCallBack(const UConverter *converter, UConverterFromUCallback *action,
                                  const void **context)
{
    (void)converter;
    if (action != NULL)
        *action = NULL;
    if (context != NULL)
        *context = NULL;
}

EXPORT void ucnv_setToUCallBack(UConverter *converter, UConverterToUCallback action, const void *context,
                                UConverterToUCallback *old_action, const void **old_context, UErrorCode *err)
{
    (void)converter;
    (void)action;
    (void)context;
    if (old_action != NULL)
        *old_action = NULL;
    if (old_context != NULL)
        *old_context = NULL;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_setFromUCallBack(UConverter *converter, UConverterFromUCallback action, const void *context,
                                  UConverterFromUCallback *old_action, const void **old_context, UErrorCode *err)
{
    (void)converter;
    (void)action;
    (void)context;
    if (old_action != NULL)
        *old_action = NULL;
    if (old_context != NULL)
        *old_context = NULL;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_toUnicode(UConverter *converter, UChar **target, const UChar *target_limit, const char **source,
                           const char *source_limit, int32_t *offsets, UBool flush, UErrorCode *err)
{
    (void)converter;
    (void)target;
    (void)target_limit;
    (void)source;
    (void)source_limit;
    (void)offsets;
    (void)flush;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_fromUnicode(UConverter *converter, char **target, const char *target_limit, const UChar **source,
                             const UChar *source_limit, int32_t *offsets, UBool flush, UErrorCode *err)
{
    (void)converter;
    (void)target;
    (void)target_limit;
    (void)source;
    (void)source_limit;
    (void)offsets;
    (void)flush;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT int32_t ucnv_toUCountPending(const UConverter *converter, UErrorCode *err)
{
    (void)converter;
    fail(err, U_UNSUPPORTED_ERROR);
    return 0;
}

EXPORT int32_t ucnv_fromUCountPending(const UConverter *converter, UErrorCode *err)
{
    (void)converter;
    fail(err, U_UNSUPPORTED_ERROR);
    return 0;
}

/* The callback helpers ICU offers converters' error callbacks; never reached without a converter. */
EXPORT void ucnv_cbToUWriteUChars(UConverterToUnicodeArgs *args, const UChar *source, int32_t length,
                                  int32_t offset_index, UErrorCode *err)
{
    (void)args;
    (void)source;
    (void)length;
    (void)offset_index;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_cbFromUWriteUChars(UConverterFromUnicodeArgs *args, const UChar **source, const UChar *source_limit,
                                    int32_t offset_index, UErrorCode *err)
{
    (void)args;
    (void)source;
    (void)source_limit;
    (void)offset_index;
    fail(err, U_UNSUPPORTED_ERROR);
}

/* ICU's stock callbacks, which Qt installs by address. */
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, UConverterToUnicodeArgs *args, const char *units,
                                          int32_t length, UConverterCallbackReason reason, UErrorCode *err)
{
    (void)context;
    (void)args;
    (void)units;
    (void)length;
    (void)reason;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context, UConverterFromUnicodeArgs *args, const UChar *units,
                                            int32_t length, UChar32 code_point, UConverterCallbackReason reason,
                                            UErrorCode *err)
{
    (void)context;
    (void)args;
    (void)units;
    (void)length;
    (void)code_point;
    (void)reason;
    fail(err, U_UNSUPPORTED_ERROR);
}
