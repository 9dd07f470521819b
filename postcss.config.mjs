// Tailwind CSS 4 runs as a single PostCSS plugin; no tailwind.config file is needed.
const config = {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};

export default config;
