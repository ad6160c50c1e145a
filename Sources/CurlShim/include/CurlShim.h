// Typed wrappers over libcurl's variadic calls, which Swift cannot call directly.
// One wrapper per argument kind, each a one-line forward to the real call.
// https://curl.se/libcurl/c/curl_easy_setopt.html
// https://curl.se/libcurl/c/curl_multi_setopt.html
// https://curl.se/libcurl/c/curl_easy_getinfo.html
#ifndef SW_CURL_SHIM_H
#define SW_CURL_SHIM_H

#include <curl/curl.h>

CURLcode sw_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode sw_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode sw_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode sw_curl_easy_setopt_ptr(CURL *handle, CURLoption option, void *value);
CURLcode sw_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode sw_curl_easy_setopt_writefn(CURL *handle, CURLoption option, curl_write_callback value);

CURLMcode sw_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

CURLcode sw_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode sw_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode sw_curl_easy_getinfo_string(CURL *handle, CURLINFO info, char **value);

#endif
