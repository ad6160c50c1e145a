// libcurl for Swift: https://curl.se/libcurl/c/
#include <curl/curl.h>
