import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { installDialogNames } from './lib/dialog-names'
import App from './App.vue'
import './styles.css'

installDialogNames()
createApp(App).use(createPinia()).mount('#app')
