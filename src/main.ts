import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { installDialogNames } from './lib/dialog-names'
import App from './App.vue'
import './styles.css'
import { installNaiveA11y } from './theme/a11y'

installDialogNames()
createApp(App).use(createPinia()).mount('#app')
installNaiveA11y()
