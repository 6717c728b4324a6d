import os
import uvicorn

PORT = int(os.environ.get("PORT", "8080"))

if __name__ == "__main__":
    uvicorn.run("app:app", host="0.0.0.0", port=8080)  # port=9999 in a comment is ignored
